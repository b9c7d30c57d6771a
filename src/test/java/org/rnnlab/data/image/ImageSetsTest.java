package org.rnnlab.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageSetsTest {
  /** n images of rows x cols, pixel p of image i = ((i * 31 + p * 7) % 256) / 255, label i % classes. */
  static DoubleImageSet images(int n, int rows, int cols, int classes) {
    double[] px = new double[n * rows * cols];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % classes;
      for (int p = 0; p < rows * cols; p++) {
        px[i * rows * cols + p] = ((i * 31 + p * 7) % 256) / 255.0;
      }
    }
    return new DoubleImageSet(rows, cols, classes, px, y);
  }

  @Test
  void selectAndHeadAreViewsThatCompose() {
    DoubleImageSet all = images(12, 2, 3, 4);
    ImageSet sel = all.select(new int[] {5, 1, 9, 0});
    assertEquals(4, sel.size());
    assertEquals(all.label(9), sel.label(2));
    assertArrayEquals(all.image(1), sel.image(1), 0.0);
    ImageSet twice = sel.select(new int[] {2, 0});
    assertArrayEquals(all.image(9), twice.image(0), 0.0);
    assertArrayEquals(all.image(5), twice.image(1), 0.0);
    assertEquals(3, all.head(3).size());
    assertEquals(12, all.head(100).size());
    assertArrayEquals(new int[] {3, 3, 3, 3}, all.classCounts());
    assertThrows(IndexOutOfBoundsException.class, () -> all.select(new int[] {12}));
  }

  @Test
  void bytePixelsAreDividedBy255() {
    byte[] px = {0, (byte) 255, (byte) 128, 1};
    ByteImageSet set = new ByteImageSet(2, 2, 3, px, new int[] {2});
    assertArrayEquals(new double[] {0.0, 1.0, 128 / 255.0, 1 / 255.0}, set.image(0), 0.0);
    assertEquals(128 / 255.0, set.pixel(0, 2), 0.0);
  }

  @Test
  void inconsistentSetsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new DoubleImageSet(2, 2, 2, new double[5], new int[1]));
    assertThrows(IllegalArgumentException.class, () -> new DoubleImageSet(2, 2, 2, new double[4], new int[] {2}));
    assertThrows(IllegalArgumentException.class,
        () -> new DoubleImageSet(1, 2, 2, new double[] {0.5, 1.5}, new int[] {0}));
  }
}
