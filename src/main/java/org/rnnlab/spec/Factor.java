package org.rnnlab.spec;

import java.util.List;

/**
 * One factor of a spec's {@code factors.cross}: its name and its levels in file order, each with the
 * display name reports use.
 */
public record Factor(String name, List<Level> levels) {
  public Factor {
    levels = List.copyOf(levels);
  }

  /** One level: its key in the spec and its display name (the key unless the spec gives a label). */
  public record Level(String name, String label) {}

  /** The display name of level {@code name}, or {@code name} itself if there is no such level. */
  public String label(String name) {
    return levels.stream().filter(l -> l.name().equals(name)).map(Level::label).findFirst().orElse(name);
  }
}
