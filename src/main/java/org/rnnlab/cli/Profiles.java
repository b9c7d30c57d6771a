package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.results.ResultsJson;

/** The profile names a (valid) spec file declares. */
final class Profiles {
  private Profiles() {}

  static List<String> of(Path spec) {
    List<String> names = new ArrayList<>();
    try {
      ResultsJson.mapper().readTree(spec.toFile()).path("profiles").fieldNames().forEachRemaining(names::add);
    } catch (IOException e) {
      // the planner has read this file already; nothing to add
    }
    return names;
  }
}
