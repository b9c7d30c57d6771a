package org.rnnlab.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.Split;

class ImageSplitsTest {
  /** A digit set of 10 classes with 30..39 images, class c's images first by class as the npm files are. */
  private static DoubleImageSet digits() {
    int n = 0;
    for (int c = 0; c < 10; c++) {
      n += 30 + c;
    }
    double[] px = new double[n * 4];
    int[] y = new int[n];
    int k = 0;
    for (int c = 0; c < 10; c++) {
      for (int i = 0; i < 30 + c; i++, k++) {
        y[k] = c;
        px[k * 4] = k / (double) n; // identifies the image
      }
    }
    return new DoubleImageSet(2, 2, 10, px, y);
  }

  @Test
  void mnistDigitsSplitIsStratified70_10_20AndFixed() {
    DoubleImageSet all = digits();
    ImageSplits s = MnistDigitsSplit.of(all);
    for (int c = 0; c < 10; c++) {
      int nc = 30 + c;
      assertEquals(nc * 20 / 100, s.test().classCounts()[c]);
      assertEquals(nc / 10, s.validation().classCounts()[c]);
      assertEquals(nc - nc * 20 / 100 - nc / 10, s.train().classCounts()[c]);
    }
    Set<Double> ids = new HashSet<>();
    for (Split sp : Split.values()) {
      for (int i = 0; i < s.get(sp).size(); i++) {
        assertTrue(ids.add(s.get(sp).pixel(i, 0)), "an image in two splits");
      }
    }
    assertEquals(all.size(), ids.size());
    ImageSplits again = MnistDigitsSplit.of(digits());
    for (int i = 0; i < s.test().size(); i++) {
      assertEquals(s.test().pixel(i, 0), again.test().pixel(i, 0), 0.0);
    }
    // the ci slice: first 50 training images hold every class 5 times
    ImageSplits ci = s.head(50, 10, 20);
    assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5, 5, 5}, ci.train().classCounts());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, ci.validation().classCounts());
    assertEquals(20, ci.test().size());
  }

  @Test
  void fashionValidationIsTheLastTenthOfTheTrainingFile() {
    DoubleImageSet train = ImageSetsTest.images(40, 2, 2, 10);
    DoubleImageSet test = ImageSetsTest.images(7, 2, 2, 10);
    ImageSplits s = FashionMnistSplit.of(train, test);
    assertEquals(36, s.train().size());
    assertEquals(4, s.validation().size());
    assertEquals(7, s.test().size());
    assertArrayEquals(train.image(35), s.train().image(35), 0.0);
    assertArrayEquals(train.image(36), s.validation().image(0), 0.0);
    assertArrayEquals(train.image(39), s.validation().image(3), 0.0);
    assertArrayEquals(test.image(6), s.test().image(6), 0.0);
  }
}
