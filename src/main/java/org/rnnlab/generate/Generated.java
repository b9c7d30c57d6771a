package org.rnnlab.generate;

/**
 * A generated continuation and the model's log-probability of it (natural log, at temperature 1,
 * summed over its tokens in order, not length-normalised), equal to the bit to what {@link
 * SequenceScorer} gives for the same tokens. If generation stopped at the end symbol, it is the
 * last token.
 */
public record Generated(int[] tokens, double logProb) {}
