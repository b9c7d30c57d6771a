package org.rnnlab.results;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The digest result.json carries of itself. The other files of a trial are listed in result.json
 * with their SHA-256; result.json itself ends with one more key, {@code "result_sha256"}, the
 * SHA-256 of the file's exact bytes as they would be without that key (the same text with the
 * object closed one line earlier). Hashing the written bytes rather than a re-serialised tree
 * needs no canonical JSON form: any edit to any byte of the file, a metric's digit or the
 * layout, is caught, and a reader checks it before it parses a single value.
 */
public final class SelfDigest {
  /** The key holding the digest, always the last of the file's top-level object. */
  public static final String KEY = "result_sha256";
  private static final String BODY_END = "\n}\n";
  private static final Pattern TAIL =
      Pattern.compile(",\n  \"" + KEY + "\": \"([0-9a-f]{64})\"\n}\n\\z");

  private SelfDigest() {}

  /**
   * {@code json} (an object as {@link ResultsJson#pretty} writes it, without the key) with its digest
   * as the last key; public for tools and tests that rewrite a result on purpose.
   */
  public static String seal(String json) {
    if (!json.endsWith(BODY_END)) {
      throw new IllegalArgumentException("not a pretty-printed JSON object");
    }
    String sha = Checksums.sha256(json);
    return json.substring(0, json.length() - BODY_END.length()) + ",\n  \"" + KEY + "\": \"" + sha + "\"" + BODY_END;
  }

  /**
   * Null if {@code bytes} end with their own correct digest, else why not (one line, without the
   * file's name).
   */
  static String problem(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    Matcher m = TAIL.matcher(text);
    if (!m.find()) {
      return "has no \"" + KEY + "\" as its last key (edited or damaged)";
    }
    String body = text.substring(0, m.start()) + BODY_END;
    if (!Checksums.sha256(body).equals(m.group(1))) {
      return "contents do not match its own SHA-256 (\"" + KEY + "\"): edited or damaged";
    }
    return null;
  }
}
