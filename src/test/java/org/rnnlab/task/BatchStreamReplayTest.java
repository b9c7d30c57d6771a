package org.rnnlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.rnnlab.data.image.ByteImageSet;
import org.rnnlab.data.image.PixelSequenceView;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/**
 * Resuming a trial restores the training data's position by re-creating the stream from the same
 * seed and drawing (and dropping) the batches already used: every kind of {@link BatchStream} must
 * then give the batches the uninterrupted stream gives, bit for bit, across epoch boundaries.
 */
class BatchStreamReplayTest {
  /** N+M batches straight against N skipped on a fresh stream, then M. */
  static void assertReplayable(String what, Supplier<BatchStream> fresh, int n, int m) {
    BatchStream straight = fresh.get();
    List<Batch> want = new ArrayList<>();
    for (int i = 0; i < n + m; i++) {
      Batch b = straight.next();
      if (i >= n) {
        want.add(b);
      }
    }
    BatchStream resumed = fresh.get();
    for (int i = 0; i < n; i++) {
      resumed.next();
    }
    for (int i = 0; i < m; i++) {
      assertSame(what + ", batch " + (n + i), want.get(i), resumed.next());
    }
  }

  static void assertSame(String what, Batch a, Batch b) {
    assertEquals(a.steps(), b.steps(), what);
    assertEquals(a.size(), b.size(), what);
    assertArrayEquals(bits(a.inputs()), bits(b.inputs()), what + ": inputs");
    assertArrayEquals(a.lengths(), b.lengths(), what + ": lengths");
    assertArrayEquals(bits(a.targets()), bits(b.targets()), what + ": targets");
    assertArrayEquals(a.labels(), b.labels(), what + ": labels");
    assertArrayEquals(bits(a.mask()), bits(b.mask()), what + ": mask");
    assertArrayEquals(a.tokens(), b.tokens(), what + ": tokens");
  }

  static long[] bits(double[] v) {
    return v == null ? null : Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
  }

  @Test
  void freshSequencesOfAGeneratedTask() {
    GeneratedTask t = new AddingProblemTask.Config(10, null).create();
    assertReplayable("fresh", () -> t.data().training(4, null, Rng.of(3).child("data")), 7, 5);
  }

  @Test
  void aFixedGeneratedTrainingSetReshuffledByEpoch() {
    GeneratedTask t = new AddingProblemTask.Config(10, null).create();
    // 10 sequences in batches of 3: epochs of 3 batches; resume mid-epoch and at an epoch boundary
    assertReplayable("fixed, mid-epoch", () -> t.data().training(3, 10, Rng.of(3).child("data")), 4, 6);
    assertReplayable("fixed, at a boundary", () -> t.data().training(3, 10, Rng.of(3).child("data")), 6, 6);
  }

  @Test
  void sentenceEpochsByLength() {
    int[][] tokens = new int[11][];
    int[][] tags = new int[11][];
    for (int s = 0; s < tokens.length; s++) {
      int len = 1 + (s * 7) % 5;
      tokens[s] = new int[len];
      tags[s] = new int[len];
      for (int i = 0; i < len; i++) {
        tokens[s][i] = 1 + (s + i) % 9;
        tags[s][i] = i % 3;
      }
    }
    SentenceSet set = new SentenceSet(tokens, tags, null, 0);
    // 11 sentences in batches of 4: 3 batches per epoch (the last one smaller)
    assertReplayable("sentences", () -> set.epochs(4, Rng.of(5).child("data")), 5, 7);
  }

  @Test
  void imageEpochs() {
    int n = 9;
    byte[] pixels = new byte[n * 4 * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 37);
    }
    int[] labels = new int[n];
    Arrays.setAll(labels, i -> i % 10);
    ByteImageSet images = new ByteImageSet(4, 4, 10, pixels, labels);
    assertReplayable("images", () -> new SequentialImageTask.Epochs(images, PixelSequenceView.sequential(4, 4, 1), 2,
        Rng.of(8).child("data")), 5, 9);
  }

  @Test
  void theCheckIsSensitiveAStreamOfAnotherSeedDiffers() {
    GeneratedTask t = new AddingProblemTask.Config(10, null).create();
    Batch a = t.data().training(4, null, Rng.of(3).child("data")).next();
    Batch b = t.data().training(4, null, Rng.of(4).child("data")).next();
    assertFalse(Arrays.equals(a.inputs(), b.inputs()));
  }
}
