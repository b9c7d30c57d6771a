package org.rnnlab.generate;

/**
 * Beam search (seed 000, 7.2.1.1): keeps the B most probable prefixes, ranked by their summed
 * log-probability, extends each by every token, keeps the B best extensions, and returns the most
 * probable sequence found. Scores are not length-normalised: without an end symbol every
 * candidate has the same length, so normalising would not change the ranking; with one, the
 * raw sum is the model's probability of the whole output, which is what the seed ranks by (and
 * what brute force over all sequences maximises). Ties go to the lower (hypothesis rank, token
 * id), so without an end symbol B = 1 is greedy decoding; with one, B = 1 walks greedy's path but
 * may return an earlier finished hypothesis on it that scores higher than greedy's longer output.
 *
 * <p>With an end symbol, a hypothesis that takes it is finished and leaves the beam (the beam is
 * refilled with the best extensions by other tokens); the best finished one is kept, and the
 * search stops as soon as it scores at least as high as the best live prefix, which it can then
 * never lose to, log-probabilities being at most 0. At the maximum length the live prefixes
 * compete as they are.
 *
 * <p>Memory: two batches of B states, B x vocabulary log-probabilities, and a back-pointer table
 * of B entries per step of the output (int parent and token): nothing is allocated per step, and
 * nothing grows with the length beyond that table, which is the output's B candidates.
 */
public final class BeamSearch<S> {
  private final StepFunction<S> f;
  private final int beam;
  private final int v;
  private S cur;
  private S next;
  private final double[] logProbs;
  private final double[] scores;
  private final double[] candScore;
  private final int[] candRow;
  private final int[] candTok;
  private final int[] tokens;

  /** A beam of width {@code beam} >= 1 over {@code f}. */
  public BeamSearch(StepFunction<S> f, int beam) {
    if (beam < 1) {
      throw new IllegalArgumentException("beam width must be >= 1, got " + beam);
    }
    this.f = f;
    this.beam = beam;
    this.v = f.vocabulary();
    this.cur = f.newStates(beam);
    this.next = f.newStates(beam);
    this.logProbs = new double[beam * v];
    this.scores = new double[beam];
    this.candScore = new double[beam];
    this.candRow = new int[beam];
    this.candTok = new int[beam];
    this.tokens = new int[beam];
  }

  /**
   * The most probable continuation of {@code prime} (at least one token) found, of
   * {@code maxLength} tokens, or fewer ending with the end symbol {@code end} >= 0 (-1: none).
   */
  public Generated search(int[] prime, int maxLength, int end) {
    Primer.checkLengthAndEnd(maxLength, end, v);
    int pos = Primer.feed(f, cur, prime, tokens, logProbs);
    if (maxLength == 0) {
      return new Generated(new int[0], 0.0);
    }
    int[] parent = new int[maxLength * beam];
    int[] token = new int[maxLength * beam];
    int live = 1;
    scores[0] = 0.0;
    double bestDone = Double.NEGATIVE_INFINITY;
    int doneStep = -1;
    int doneRow = -1;
    for (int t = 0; t < maxLength; t++) {
      if (end >= 0) {
        for (int r = 0; r < live; r++) {
          double s = scores[r] + logProbs[r * v + end];
          if (s > bestDone) {
            bestDone = s;
            doneStep = t;
            doneRow = r;
          }
        }
      }
      int kept = select(live, end);
      if (kept == 0 || (doneStep >= 0 && bestDone >= candScore[0])) {
        break; // nothing left to extend, or no live prefix can beat the finished one any more
      }
      for (int j = 0; j < kept; j++) {
        parent[t * beam + j] = candRow[j];
        token[t * beam + j] = candTok[j];
        scores[j] = candScore[j];
      }
      live = kept;
      if (t + 1 == maxLength) {
        if (doneStep < 0 || scores[0] > bestDone) {
          return new Generated(trace(parent, token, t, 0, -1), scores[0]);
        }
        break;
      }
      for (int j = 0; j < live; j++) {
        f.copyRow(cur, candRow[j], next, j);
        tokens[j] = candTok[j];
      }
      f.advance(next, live, tokens, pos++, logProbs);
      S swap = cur;
      cur = next;
      next = swap;
    }
    if (doneStep < 0) {
      throw new IllegalStateException("beam search found no sequence: the model's log-probabilities are not numbers");
    }
    return new Generated(trace(parent, token, doneStep - 1, doneRow, end), bestDone);
  }

  /**
   * The best {@code beam} extensions of the {@code live} prefixes by any token but {@code end},
   * sorted by score (descending), then by (row, token); returns how many there are.
   */
  private int select(int live, int end) {
    int n = 0;
    for (int r = 0; r < live; r++) {
      for (int c = 0; c < v; c++) {
        if (c == end) {
          continue;
        }
        double s = scores[r] + logProbs[r * v + c];
        if (!(s > Double.NEGATIVE_INFINITY) && s != Double.NEGATIVE_INFINITY) {
          continue; // NaN
        }
        if (n == beam && !(s > candScore[n - 1])) {
          continue;
        }
        int i = n == beam ? n - 1 : n++;
        while (i > 0 && s > candScore[i - 1]) {
          candScore[i] = candScore[i - 1];
          candRow[i] = candRow[i - 1];
          candTok[i] = candTok[i - 1];
          i--;
        }
        candScore[i] = s;
        candRow[i] = r;
        candTok[i] = c;
      }
    }
    return n;
  }

  /** The tokens of row {@code row} at step {@code t} back to step 0, then {@code last} if >= 0. */
  private int[] trace(int[] parent, int[] token, int t, int row, int last) {
    int[] out = new int[t + 1 + (last >= 0 ? 1 : 0)];
    if (last >= 0) {
      out[t + 1] = last;
    }
    for (int s = t; s >= 0; s--) {
      out[s] = token[s * beam + row];
      row = parent[s * beam + row];
    }
    return out;
  }
}
