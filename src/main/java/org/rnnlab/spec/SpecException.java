package org.rnnlab.spec;

import java.util.List;

/**
 * A spec that cannot be run, with every problem found, one line each
 * ({@code experiments/x.json: /model/cell/type: "lstn" is not one of [elman, gru, lstm]}).
 * The CLI prints {@link #lines()} and exits with status 2.
 */
public final class SpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> lines;

  /** An exception carrying {@code lines} (at least one). */
  public SpecException(List<String> lines) {
    super(String.join("\n", lines));
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a SpecException needs at least one line");
    }
    this.lines = List.copyOf(lines);
  }

  /** The problems, one line each, in a stable order. */
  public List<String> lines() {
    return lines;
  }
}
