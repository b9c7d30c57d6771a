package org.rnnlab.generate;

/**
 * What generation needs of a model: a distribution over the next token as a function of a state
 * that each fed token advances (seed 000, 7.2.1.1: feed the chosen token back in). States come in
 * batches of rows so that beam search advances all its hypotheses in one call; the state type is
 * the model's own (a language model's recurrent state; a decoder's state and its encoder context).
 *
 * @param <S> a batch of states, each row one sequence's
 */
public interface StepFunction<S> {
  /** Number of tokens: ids are 0..vocabulary()-1, and every distribution has this many entries. */
  int vocabulary();

  /** Room for {@code rows} states (allocated once per generation, not per step). */
  S newStates(int rows);

  /** Sets row {@code row} to the state before the first token (zeros; a decoder: its encoder's context). */
  void start(S states, int row);

  /** Copies row {@code from} of {@code src} into row {@code to} of {@code dst} (src may be dst). */
  void copyRow(S src, int from, S dst, int to);

  /**
   * Feeds {@code tokens[r]}, the token at position {@code position} of its sequence, to row r of
   * {@code states} for r &lt; rows, in place, and writes the log-probabilities of the next token to
   * {@code logProbs[r * vocabulary() ..]}. Allocates nothing once warmed up.
   */
  void advance(S states, int rows, int[] tokens, int position, double[] logProbs);
}
