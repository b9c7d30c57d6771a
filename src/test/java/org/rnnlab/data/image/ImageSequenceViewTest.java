package org.rnnlab.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.image.PaddedSequenceView.Placement;
import org.rnnlab.engine.Batch;

class ImageSequenceViewTest {
  private static final DoubleImageSet SET = ImageSetsTest.images(3, 28, 28, 10);

  @Test
  void rowsAreStepsOfOneRowEach() {
    RowSequenceView v = new RowSequenceView(28, 28);
    double[] img = SET.image(1);
    double[] seq = v.sequence(img);
    assertEquals(28, v.steps());
    assertEquals(28, v.features());
    for (int t = 0; t < 28; t++) {
      for (int f = 0; f < 28; f++) {
        assertEquals(SET.pixel(1, t * 28 + f), seq[t * 28 + f], 0.0);
      }
    }
  }

  @Test
  void pixelsAreTheMeansOfTwoByTwoBlocksRowMajor() {
    PixelSequenceView v = PixelSequenceView.sequential(28, 28, 2);
    assertEquals(196, v.steps());
    assertEquals(1, v.features());
    double[] img = SET.image(2);
    double[] seq = v.sequence(img);
    for (int r = 0; r < 14; r++) {
      for (int c = 0; c < 14; c++) {
        double a = img[(2 * r) * 28 + 2 * c];
        double b = img[(2 * r) * 28 + 2 * c + 1];
        double d = img[(2 * r + 1) * 28 + 2 * c];
        double e = img[(2 * r + 1) * 28 + 2 * c + 1];
        assertEquals((((a + b) + d) + e) / 4, seq[r * 14 + c], 0.0);
      }
    }
    assertArrayEquals(img, PixelSequenceView.sequential(28, 28, 1).sequence(img), 0.0);
    assertThrows(IllegalArgumentException.class, () -> PixelSequenceView.sequential(28, 28, 3));
  }

  @Test
  void permutedOrderIsOneFixedPermutationOfTheSequentialOrder() {
    PixelSequenceView p = PixelSequenceView.permuted(28, 28, 2);
    int[] order = p.order();
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    int[] identity = PixelSequenceView.sequential(28, 28, 2).order();
    assertArrayEquals(identity, sorted);
    assertFalse(Arrays.equals(identity, order));
    assertArrayEquals(order, PixelSequenceView.permuted(28, 28, 2).order());
    int[] expected = identity.clone();
    PixelSequenceView.permutationStream().shuffle(expected);
    assertArrayEquals(expected, order);
    double[] img = SET.image(0);
    double[] seq = PixelSequenceView.sequential(28, 28, 2).sequence(img);
    double[] perm = p.sequence(img);
    for (int t = 0; t < 196; t++) {
      assertEquals(seq[order[t]], perm[t], 0.0);
    }
  }

  @Test
  void paddingAddsBlankStepsBeforeOrAfter() {
    RowSequenceView rows = new RowSequenceView(28, 28);
    double[] img = SET.image(1);
    double[] base = rows.sequence(img);
    PaddedSequenceView before = new PaddedSequenceView(rows, 5, Placement.BEFORE);
    PaddedSequenceView after = new PaddedSequenceView(rows, 5, Placement.AFTER);
    assertEquals(33, before.steps());
    double[] b = before.sequence(img);
    double[] a = after.sequence(img);
    assertArrayEquals(new double[5 * 28], Arrays.copyOf(b, 5 * 28), 0.0);
    assertArrayEquals(base, Arrays.copyOfRange(b, 5 * 28, 33 * 28), 0.0);
    assertArrayEquals(base, Arrays.copyOf(a, 28 * 28), 0.0);
    assertArrayEquals(new double[5 * 28], Arrays.copyOfRange(a, 28 * 28, 33 * 28), 0.0);
    // padding overwrites whatever the buffer held
    double[] dirty = new double[33 * 28];
    Arrays.fill(dirty, 7.0);
    after.write(img, dirty, 0, 28);
    assertArrayEquals(a, dirty, 0.0);
  }

  @Test
  void batchesAreTimeMajorWithOneLabelPerImage() {
    ImageSequenceView v = PixelSequenceView.permuted(28, 28, 2);
    int[] idx = {2, 0};
    Batch batch = ImageBatches.batch(SET, idx, v);
    assertEquals(196, batch.steps());
    assertEquals(2, batch.size());
    assertArrayEquals(new int[] {SET.label(2), SET.label(0)}, batch.labels());
    for (int b = 0; b < 2; b++) {
      double[] seq = v.sequence(SET.image(idx[b]));
      for (int t = 0; t < 196; t++) {
        assertEquals(seq[t], batch.inputs()[t * 2 + b], 0.0);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> ImageBatches.batch(SET, idx, new RowSequenceView(14, 14)));
  }
}
