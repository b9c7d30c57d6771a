package org.rnnlab.spec;

/** One problem found in a spec: where (a JSON Pointer into the file) and what is wrong. */
record Problem(String pointer, String message) {
  /** This problem located under {@code prefix} (a JSON Pointer). */
  Problem under(String prefix) {
    return new Problem(prefix + pointer, message);
  }

  /** The report line: {@code file: /pointer: message}. */
  String line(String file) {
    return file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
