package org.rnnlab.config;

import java.nio.file.Path;

/**
 * The project directory, where experiments/, results/, reports/ and data/ are: the launcher passes
 * it as the system property {@code rnnlab.home}, so that paths a user types stay relative to the
 * directory they type them in; without it, the working directory.
 */
public final class Home {
  private Home() {}

  /** The project directory. */
  public static Path path() {
    String h = System.getProperty("rnnlab.home");
    return h == null || h.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(h).toAbsolutePath();
  }
}
