package org.rnnlab.data;

import java.nio.file.Path;
import org.rnnlab.config.Home;

/**
 * Where fetched datasets live: {@code $RNNLAB_DATA}, else {@code data/} in the project
 * (git-ignored). The system property {@code rnnlab.data} overrides both (tests).
 */
public final class DataDir {
  private DataDir() {}

  /** The data directory. */
  public static Path location() {
    String p = System.getProperty("rnnlab.data");
    if (p == null || p.isEmpty()) {
      p = System.getenv("RNNLAB_DATA");
    }
    if (p == null || p.isEmpty()) {
      return Home.path().resolve("data");
    }
    return Path.of(p);
  }

  /** The directory of dataset {@code name}. */
  public static Path of(String name) {
    return location().resolve(name);
  }
}
