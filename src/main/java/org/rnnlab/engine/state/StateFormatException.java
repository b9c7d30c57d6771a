package org.rnnlab.engine.state;

/**
 * Saved training state that does not fit what reads it: a truncated stream, a section of another
 * name, type or length, or state of another component. The message is one line naming the section
 * ({@code optimizer/adam/m}) and what was expected. After it, the component being restored may be
 * partly set: restore into fresh instances and discard them on failure.
 */
public final class StateFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateFormatException(String oneLine) {
    super(oneLine);
  }
}
