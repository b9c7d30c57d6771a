package org.rnnlab.data;

/**
 * A dataset a run needs is missing, damaged (a file's SHA-256 is not the pinned one) or does not
 * parse. The message is one line: the file, what is wrong, and the command that repairs it. Nothing
 * may be computed on the data once this is thrown; a run stops rather than recording trials on it.
 */
public final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The command that fetches dataset {@code name} again, replacing what is there. */
  public static String refetch(String name) {
    return "./rnnlab data fetch " + name + " --force";
  }
}
