package org.rnnlab.task;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.seq2seq.PairBatch;

/**
 * An evaluation set of a {@link PairTask}: sources, each with every target it accepts (a word's
 * pronunciations; one for a synthetic task), token ids without start or end symbols.
 *
 * @param sources    source token ids, one array per example
 * @param references the accepted targets of each source, the first the one teacher-forced losses use
 */
public record PairSet(List<int[]> sources, List<List<int[]>> references) {
  public PairSet {
    if (sources.size() != references.size()) {
      throw new IllegalArgumentException(sources.size() + " sources but " + references.size() + " reference lists");
    }
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).length == 0 || references.get(i).isEmpty()) {
        throw new IllegalArgumentException("example " + i + " has an empty source or no reference");
      }
    }
    sources = List.copyOf(sources);
    references = List.copyOf(references.stream().map(List::copyOf).toList());
  }

  /** Number of sources. */
  public int size() {
    return sources.size();
  }

  /**
   * Examples {@code from..to-1} as a minibatch whose targets are their first references followed by
   * the end symbol (for teacher-forced losses).
   */
  public PairBatch batch(int from, int to) {
    return batchOf(sources.subList(from, to), references.subList(from, to).stream().map(r -> r.get(0)).toList());
  }

  /** A minibatch of {@code sources} and their {@code targets} (without start or end symbols; the end is appended). */
  public static PairBatch batchOf(List<int[]> sources, List<int[]> targets) {
    int n = sources.size();
    int sSteps = 0;
    int tSteps = 0;
    for (int i = 0; i < n; i++) {
      sSteps = Math.max(sSteps, sources.get(i).length);
      tSteps = Math.max(tSteps, targets.get(i).length + 1);
    }
    int[] src = new int[sSteps * n];
    int[] tgt = new int[tSteps * n];
    int[] sLen = new int[n];
    int[] tLen = new int[n];
    for (int b = 0; b < n; b++) {
      int[] s = sources.get(b);
      int[] t = targets.get(b);
      for (int k = 0; k < s.length; k++) {
        src[k * n + b] = s[k];
      }
      for (int k = 0; k < t.length; k++) {
        tgt[k * n + b] = t[k];
      }
      tgt[t.length * n + b] = PairBatch.END;
      sLen[b] = s.length;
      tLen[b] = t.length + 1;
    }
    return new PairBatch(n, sSteps, src, sLen, tSteps, tgt, tLen);
  }

  /** The sources' lengths, in order. */
  public List<Integer> sourceLengths() {
    List<Integer> out = new ArrayList<>(sources.size());
    sources.forEach(s -> out.add(s.length));
    return out;
  }
}
