package org.rnnlab.spec;

/**
 * One problem found in a spec: where (a JSON Pointer into the file, or null when there is
 * none, as for a syntax error) and what is wrong.
 */
record Problem(String pointer, String message) {
  /** This problem located under {@code prefix} (a JSON Pointer). */
  Problem under(String prefix) {
    return new Problem(prefix + pointer, message);
  }

  /** The report line: {@code file: /pointer: message}. */
  String line(String file) {
    if (pointer == null) {
      return file + ": " + message;
    }
    return file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
