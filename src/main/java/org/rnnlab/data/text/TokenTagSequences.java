package org.rnnlab.data.text;

/** Token id sequences and their tag id sequences, row s of each the same length. */
public record TokenTagSequences(int[][] tokens, int[][] tags) {
  public TokenTagSequences {
    if (tokens.length != tags.length) {
      throw new IllegalArgumentException(tokens.length + " token sequences but " + tags.length + " tag sequences");
    }
    for (int s = 0; s < tokens.length; s++) {
      if (tokens[s].length != tags[s].length) {
        throw new IllegalArgumentException("sequence " + s + " has " + tokens[s].length + " tokens and "
            + tags[s].length + " tags");
      }
    }
  }

  /** Number of sequences. */
  public int size() {
    return tokens.length;
  }
}
