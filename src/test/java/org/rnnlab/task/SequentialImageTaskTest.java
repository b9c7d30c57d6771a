package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.Split;
import org.rnnlab.data.image.DoubleImageSet;
import org.rnnlab.data.image.ImageSet;
import org.rnnlab.data.image.ImageSplits;
import org.rnnlab.data.image.PixelSequenceView;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/** Sequential MNIST on small generated 28x28 images (never the download). */
class SequentialImageTaskTest {
  /** n images; image i has label labels[i % labels.length] and pixel p = ((i * 31 + p * 7) % 101) / 100 or 0. */
  static DoubleImageSet images(int n, int[] labels) {
    double[] px = new double[n * 784];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = labels[i % labels.length];
      for (int p = 0; p < 784; p++) {
        // a blank border (rows 0-3), as in MNIST, then values in [0, 1]
        px[i * 784 + p] = p < 4 * 28 ? 0.0 : ((i * 31 + p * 7) % 101) / 100.0;
      }
    }
    return new DoubleImageSet(28, 28, 10, px, y);
  }

  private static final int[] DIGITS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  // train: class 3 most frequent (3 of 12); test: 5 images, two of class 3
  private static final ImageSplits SPLITS = new ImageSplits(images(12, new int[] {0, 1, 2, 3, 3, 3, 4, 5, 6, 7, 8, 9}),
      images(4, DIGITS), images(5, new int[] {3, 1, 3, 0, 9}));

  private static SequentialImageTask.Config config(String order, int downsample, int blanks, String placement,
                                                   boolean standardize) {
    return new SequentialImageTask.Config("mnist", order, downsample, blanks, placement, standardize, 0.5);
  }

  private static SequentialImageTask task(SequentialImageTask.Config c) {
    return new SequentialImageTask(c, SPLITS);
  }

  @Test
  void eachOrderHasItsShapeAndEverySequenceTheStatedLength() {
    Object[][] cases = {{"rows", 1, 28, 28}, {"rows", 2, 14, 14}, {"pixels", 2, 196, 1}, {"permuted", 2, 196, 1},
        {"pixels", 4, 49, 1}, {"pixels", 1, 784, 1}};
    for (Object[] k : cases) {
      SequentialImageTask.Config c = config((String) k[0], (Integer) k[1], 0, "before", false);
      SequentialImageTask t = task(c);
      Batch b = t.data().evaluation(Split.TEST, null, Rng.of(1));
      assertEquals(k[2], b.steps(), Arrays.toString(k));
      assertEquals(k[3], t.inputSize(), Arrays.toString(k));
      assertEquals(c.typicalLength(), b.steps());
      assertEquals(OptionalInt.of(b.steps()), c.longestSequence());
      assertEquals(10, t.outputSize());
      assertTrue(t.classification());
    }
    SequentialImageTask.Config longer = config("pixels", 2, 196, "before", false);
    assertEquals(392, task(longer).data().evaluation(Split.TEST, 2, Rng.of(1)).steps());
    assertEquals(OptionalInt.of(392), longer.longestSequence());
    assertEquals(List.of("mnist"), longer.datasets());
  }

  @Test
  void pixelsFollowThePooledImageAndPermutedFollowsTheFixedPermutation() {
    Batch seq = task(config("pixels", 2, 0, "before", false)).data().evaluation(Split.TEST, null, Rng.of(1));
    Batch perm = task(config("permuted", 2, 0, "before", false)).data().evaluation(Split.TEST, null, Rng.of(1));
    int[] order = PixelSequenceView.permuted(28, 28, 2).order();
    int n = seq.size();
    for (int b = 0; b < n; b++) {
      double[] img = SPLITS.test().image(b);
      for (int t = 0; t < 196; t++) {
        int r = t / 14;
        int c = t % 14;
        double mean = (((img[2 * r * 28 + 2 * c] + img[2 * r * 28 + 2 * c + 1]) + img[(2 * r + 1) * 28 + 2 * c])
            + img[(2 * r + 1) * 28 + 2 * c + 1]) / 4;
        assertEquals(mean, seq.inputs()[t * n + b], 0.0);
        assertEquals(seq.inputs()[order[t] * n + b], perm.inputs()[t * n + b], 0.0);
      }
      assertEquals(SPLITS.test().label(b), seq.labels()[b]);
    }
  }

  @Test
  void blankStepsGoBeforeOrAfterTheImage() {
    int n = SPLITS.test().size();
    double[] plain = task(config("rows", 2, 0, "before", false)).data().evaluation(Split.TEST, null, Rng.of(1)).inputs();
    double[] before = task(config("rows", 2, 5, "before", false)).data().evaluation(Split.TEST, null, Rng.of(1)).inputs();
    double[] after = task(config("rows", 2, 5, "after", false)).data().evaluation(Split.TEST, null, Rng.of(1)).inputs();
    int step = n * 14;
    assertEquals(19 * step, before.length);
    for (int i = 0; i < 5 * step; i++) {
      assertEquals(0.0, before[i], 0.0);
      assertEquals(0.0, after[14 * step + i], 0.0);
    }
    assertArrayEquals(plain, Arrays.copyOfRange(before, 5 * step, 19 * step), 0.0);
    assertArrayEquals(plain, Arrays.copyOfRange(after, 0, 14 * step), 0.0);
  }

  @Test
  void standardisingUsesTheTrainingPixelsMomentsAndMapsBlanksToo() {
    double[] m = SequentialImageTask.pixelMoments(SPLITS.train());
    double sum = 0.0;
    double sq = 0.0;
    int count = 0;
    for (int i = 0; i < SPLITS.train().size(); i++) {
      for (int p = 0; p < 784; p++) {
        sum += SPLITS.train().pixel(i, p);
        sq += SPLITS.train().pixel(i, p) * SPLITS.train().pixel(i, p);
        count++;
      }
    }
    assertEquals(sum / count, m[0], 1e-12);
    assertEquals(Math.sqrt(sq / count - m[0] * m[0]), m[1], 1e-9);
    double[] raw = task(config("pixels", 2, 3, "after", false)).data().evaluation(Split.TEST, null, Rng.of(1)).inputs();
    double[] std = task(config("pixels", 2, 3, "after", true)).data().evaluation(Split.TEST, null, Rng.of(1)).inputs();
    for (int i = 0; i < raw.length; i++) {
      assertEquals((raw[i] - m[0]) / m[1], std[i], 0.0);
    }
    assertEquals(-m[0] / m[1], std[std.length - 1], 0.0, "a blank step");
    assertTrue(task(config("pixels", 2, 0, "after", true)).describe().contains("standardised"));
  }

  @Test
  void epochsVisitEveryImageOnceInAFreshOrderAndDropTheLastPartialBatch() {
    SequentialImageTask t = task(config("rows", 4, 0, "before", false));
    BatchStream s = t.data().training(5, null, Rng.of(7));
    assertEquals(2, s.batchesPerEpoch()); // 12 images, batches of 5: 2 per epoch, 2 images left out
    List<String> epochs = new java.util.ArrayList<>();
    for (int e = 0; e < 3; e++) {
      Set<String> seen = new HashSet<>();
      StringBuilder order = new StringBuilder();
      for (int k = 0; k < s.batchesPerEpoch(); k++) {
        Batch b = s.next();
        assertEquals(5, b.size());
        for (int i = 0; i < 5; i++) {
          String img = Arrays.toString(Arrays.copyOfRange(b.select(new int[] {i}, t.readout()).inputs(), 0, 49));
          assertTrue(seen.add(img), "an image twice in one epoch");
          order.append(img.hashCode()).append(' ');
        }
      }
      assertEquals(10, seen.size());
      epochs.add(order.toString());
    }
    assertNotEquals(epochs.get(0), epochs.get(1), "reshuffled every epoch");
    assertNotEquals(epochs.get(1), epochs.get(2));
    // the same stream gives the same batches; another stream others
    BatchStream again = t.data().training(5, null, Rng.of(7));
    BatchStream other = t.data().training(5, null, Rng.of(8));
    Batch first = t.data().training(5, null, Rng.of(7)).next();
    assertArrayEquals(first.inputs(), again.next().inputs(), 0.0);
    assertFalse(Arrays.equals(first.inputs(), other.next().inputs()));
    // train_size: the first n images of the training split
    BatchStream head = t.data().training(3, 6, Rng.of(7));
    assertEquals(2, head.batchesPerEpoch());
    Set<Integer> labels = new HashSet<>();
    for (int k = 0; k < 2; k++) {
      for (int y : head.next().labels()) {
        labels.add(y);
      }
    }
    assertEquals(Set.of(0, 1, 2, 3), labels, "the first 6 training images have labels 0 1 2 3 3 3");
    assertThrows(IllegalArgumentException.class, () -> t.data().training(13, null, Rng.of(1)));
  }

  @Test
  void evaluationSetsAreTheFirstImagesOfTheirSplit() {
    SequentialImageTask t = task(config("rows", 2, 0, "before", false));
    Batch all = t.data().evaluation(Split.VALIDATION, null, Rng.of(1));
    Batch two = t.data().evaluation(Split.VALIDATION, 2, Rng.of(99));
    assertEquals(4, all.size());
    assertEquals(2, two.size());
    assertArrayEquals(all.select(new int[] {0, 1}, t.readout()).inputs(), two.inputs(), 0.0);
    assertArrayEquals(new int[] {0, 1}, two.labels());
  }

  @Test
  void accuracyAndCrossEntropyOfTheLogits() {
    SequentialImageTask t = task(config("rows", 2, 0, "before", false));
    Batch b = t.data().evaluation(Split.TEST, 3, Rng.of(1)); // labels 3 1 3
    double[] logits = new double[30];
    logits[3] = 2.0;            // right
    logits[10 + 7] = 1.0;       // wrong (label 1)
    logits[20 + 3] = 0.5;       // right
    logits[20 + 4] = 0.5;       // a tie: the first, 3, counts
    Map<String, Double> m = t.evaluate(b, logits);
    assertEquals(List.of("accuracy", "cross_entropy"), List.copyOf(m.keySet()));
    assertEquals(2.0 / 3, m.get("accuracy"), 0.0);
    double ce0 = Math.log(Math.exp(2.0) + 9) - 2.0;
    double ce1 = Math.log(Math.exp(1.0) + 9);
    double ce2 = Math.log(2 * Math.exp(0.5) + 8) - 0.5;
    assertEquals((ce0 + ce1 + ce2) / 3, m.get("cross_entropy"), 1e-12);
    assertTrue(t.solved(Map.of("accuracy", 0.5)));
    assertFalse(t.solved(Map.of("accuracy", 0.49)));
    assertFalse(t.solved(Map.of()));
  }

  @Test
  void theBaselineIsTheMostFrequentTrainingClassScoredOnTheTestSplit() {
    SequentialImageTask t = task(config("rows", 2, 0, "before", false));
    assertEquals(3, t.majorityClass());
    Map<String, Double> base = t.baseline();
    assertEquals(2.0 / 5, base.get("accuracy"), 0.0);
    // test labels 3 1 3 0 9 against training frequencies 3/12 for class 3, 1/12 for the others
    double ce = -(2.0 / 5 * Math.log(3.0 / 12) + 3.0 / 5 * Math.log(1.0 / 12));
    assertEquals(ce, base.get("cross_entropy"), 1e-12);
    assertTrue(t.baselineDescription().contains("(3, 25.0% of the training split)"), t.baselineDescription());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> config("rows", 3, 0, "before", false));
    assertThrows(IllegalArgumentException.class, () -> config("rows", 28, 0, "before", false));
    assertThrows(IllegalArgumentException.class, () -> config("spiral", 2, 0, "before", false));
    assertThrows(IllegalArgumentException.class, () -> config("rows", 2, -1, "before", false));
    assertThrows(IllegalArgumentException.class, () -> config("rows", 2, 0, "middle", false));
    assertThrows(IllegalArgumentException.class,
        () -> new SequentialImageTask.Config("cifar", "rows", 2, 0, "before", false, 0.5));
    assertThrows(IllegalArgumentException.class,
        () -> new SequentialImageTask.Config("mnist", "rows", 2, 0, "before", false, 0.0));
    ImageSet small = new DoubleImageSet(14, 14, 10, new double[196], new int[1]);
    assertThrows(IllegalArgumentException.class,
        () -> new SequentialImageTask(config("rows", 2, 0, "before", false), new ImageSplits(small, small, small)));
  }

  @TempDir
  Path dir;

  @Test
  void theFetchedMnistFilesAreReadOnceAndSplitAsDocumented() throws IOException {
    // ten files in the package's format, 10 images per digit: 7 train, 1 validation, 2 test each
    for (int d = 0; d < 10; d++) {
      StringBuilder sb = new StringBuilder("{\"data\": [");
      for (int i = 0; i < 10 * 784; i++) {
        sb.append(i == 0 ? "" : ",").append(((d * 7 + i) % 5) / 4.0);
      }
      Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
    }
    org.rnnlab.data.DatasetFixture.seal(dir, "mnist");
    ImageSplits s = SequentialImageTask.splits("mnist", dir);
    assertEquals(70, s.train().size());
    assertEquals(10, s.validation().size());
    assertEquals(20, s.test().size());
    assertSame(s, SequentialImageTask.splits("mnist", dir), "read once");
    // train_size can take at most the training split: more is refused, not silently cut to 70
    SequentialImageTask t = new SequentialImageTask(config("rows", 2, 0, "before", false), s);
    assertEquals(java.util.OptionalInt.of(70), t.trainingSplitSize());
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
        () -> t.data().training(10, 71, org.rnnlab.engine.Rng.of(1)));
    assertTrue(big.getMessage().contains("train_size 71 is more than the 70"), big.getMessage());
    assertEquals(7, t.data().training(10, 70, org.rnnlab.engine.Rng.of(1)).batchesPerEpoch());
    Path elsewhere = dir.resolve("missing");
    org.rnnlab.data.DatasetException e = assertThrows(org.rnnlab.data.DatasetException.class,
        () -> SequentialImageTask.splits("mnist", elsewhere));
    assertTrue(e.getMessage().contains("./rnnlab data fetch mnist"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
