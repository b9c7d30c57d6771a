package org.rnnlab.data.series;

import java.util.Arrays;
import org.rnnlab.data.Split;

/**
 * A split in time of a series of n values into contiguous parts, in order: train =
 * [0, floor(7n/10)), validation = [floor(7n/10), floor(7n/10) + floor(n/10)), test = the rest
 * (integer arithmetic; sunspots, n = 309: 216 / 30 / 63 years, 1700-1915 / 1916-1945 / 1946-2008).
 * A model that needs a warm-up (an echo-state washout, a k-step-ahead input) may read the values
 * just before a part as context ({@link #withContext}); its targets stay inside the part.
 */
public record TimeSplit(int size, int trainEnd, int validationEnd) {
  public TimeSplit {
    if (!(0 < trainEnd && trainEnd < validationEnd && validationEnd < size)) {
      throw new IllegalArgumentException("time split needs 0 < train end < validation end < size (no empty part), got "
          + trainEnd + ", " + validationEnd + ", " + size);
    }
  }

  /** 70% / 10% / 20% of {@code n} values, as above; needs n >= 10 (so that no part is empty). */
  public static TimeSplit of(int n) {
    int train = n * 7 / 10;
    return new TimeSplit(n, train, train + n / 10);
  }

  /** First index of a part. */
  public int from(Split split) {
    return switch (split) {
      case TRAIN -> 0;
      case VALIDATION -> trainEnd;
      case TEST -> validationEnd;
    };
  }

  /** One past the last index of a part. */
  public int to(Split split) {
    return switch (split) {
      case TRAIN -> trainEnd;
      case VALIDATION -> validationEnd;
      case TEST -> size;
    };
  }

  /** Values in a part. */
  public int length(Split split) {
    return to(split) - from(split);
  }

  /** The values of one part. */
  public double[] values(double[] series, Split split) {
    checkSize(series);
    return Arrays.copyOfRange(series, from(split), to(split));
  }

  /**
   * The values of one part preceded by up to {@code context} values before it (fewer at the
   * start of the series); the part starts at index {@code min(context, from(split))} of the result.
   */
  public double[] withContext(double[] series, Split split, int context) {
    checkSize(series);
    if (context < 0) {
      throw new IllegalArgumentException("context must be >= 0, got " + context);
    }
    return Arrays.copyOfRange(series, Math.max(0, from(split) - context), to(split));
  }

  private void checkSize(double[] series) {
    if (series.length != size) {
      throw new IllegalArgumentException("series has " + series.length + " values, split is for " + size);
    }
  }
}
