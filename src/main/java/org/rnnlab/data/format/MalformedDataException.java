package org.rnnlab.data.format;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that does not have the format its parser expects. The message is one line:
 * the file, where in it (line or byte offset, when known), what was expected and what was found.
 */
public final class MalformedDataException extends IOException {
  private static final long serialVersionUID = 1L;

  public MalformedDataException(String message) {
    super(message);
  }

  /** "{@code file}: {@code what}". */
  public static MalformedDataException in(Path file, String what) {
    return new MalformedDataException(file + ": " + what);
  }

  /** "{@code file}:{@code line}: {@code what}" (line numbers from 1). */
  public static MalformedDataException atLine(Path file, long line, String what) {
    return new MalformedDataException(file + ":" + line + ": " + what);
  }
}
