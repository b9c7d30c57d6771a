package org.rnnlab.results;

import java.io.IOException;

/** A results file that cannot be used, with a one-line reason naming the file. */
public final class ResultsException extends IOException {
  private static final long serialVersionUID = 1L;

  public ResultsException(String oneLine) {
    super(oneLine);
  }
}
