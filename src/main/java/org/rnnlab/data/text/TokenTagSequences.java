package org.rnnlab.data.text;

/** Token id sequences and their tag id sequences, row s of each the same length. */
public record TokenTagSequences(int[][] tokens, int[][] tags) {
  public TokenTagSequences {
    checkRows(tokens, tags);
  }

  /** Throws unless both have the same number of rows and every row the same length in both. */
  static void checkRows(int[][] tokens, int[][] tags) {
    if (tokens.length != tags.length) {
      throw new IllegalArgumentException(tokens.length + " token rows but " + tags.length + " tag rows");
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
