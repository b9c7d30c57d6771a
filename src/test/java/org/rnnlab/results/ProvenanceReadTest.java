package org.rnnlab.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provenance records the dataset digests a trial read; files written before that still read. */
class ProvenanceReadTest {
  @Test
  void olderFilesWithoutDataDigestsStillReadAndNewOnesRoundTrip() throws Exception {
    String old = """
        {"spec_sha256": "s", "code_version": "c", "jvm": "j", "os": "o", "cpu": "p", "host": "h", "threads": 2,
         "wall_seconds": 1.5}
        """;
    Provenance p = ResultsJson.mapper().readValue(old, Provenance.class);
    assertEquals("c", p.codeVersion());
    assertNull(p.dataSha256());
    assertNull(p.precision(), "older files: float64, unrecorded");
    Provenance n = new Provenance("s", "c", "j", "o", "p", "h", 2, 1.5,
        Map.of("mnist/7.json", "b".repeat(64), "mnist/1.json", "a".repeat(64)), "float32");
    String text = ResultsJson.pretty(n);
    assertEquals(n, ResultsJson.mapper().readValue(text, Provenance.class));
    assertTrue(text.contains("\"precision\": \"float32\""), text);
    assertEquals(text.indexOf("mnist/1.json") < text.indexOf("mnist/7.json"), true, "sorted: " + text);
  }
}
