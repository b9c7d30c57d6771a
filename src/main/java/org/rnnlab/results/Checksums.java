package org.rnnlab.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: the one digest of spec files, configs, result files and datasets. */
public final class Checksums {
  private Checksums() {}

  /** SHA-256 of {@code bytes}, lower-case hex. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** SHA-256 of the UTF-8 bytes of {@code text}, lower-case hex. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A fresh SHA-256 digest, for streaming. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** The hex form of a finished digest. */
  public static String hex(MessageDigest d) {
    return HexFormat.of().formatHex(d.digest());
  }
}
