package org.rnnlab.results;

/** A file a trial wrote, as listed in its result.json: its length and SHA-256. */
public record FileDigest(long bytes, String sha256) {
  /** The digest of {@code content}. */
  public static FileDigest of(byte[] content) {
    return new FileDigest(content.length, Checksums.sha256(content));
  }
}
