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

  /**
   * {@code name} in the project directory: relative ({@code results}) when the project is the
   * working directory, so that messages and reports show short paths, else absolute.
   */
  public static Path resolve(String name) {
    Path home = path();
    return home.equals(Path.of("").toAbsolutePath()) ? Path.of(name) : home.resolve(name);
  }
}
