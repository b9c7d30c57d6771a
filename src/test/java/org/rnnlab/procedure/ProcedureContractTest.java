package org.rnnlab.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnlab.spec.Catalog;

/**
 * What every training procedure guarantees, checked on a small trial of its own: the same trial
 * gives the same bits, the final metrics are exactly those it declares (what claims may name),
 * progress runs forward to its total, and the cost estimate is positive. A procedure's test
 * extends this with its config in a few lines.
 */
public abstract class ProcedureContractTest {
  /** A small, fast trial config of the procedure under test, as spec JSON. */
  protected abstract String configJson();

  protected final TrialConfig config() {
    return parse(configJson());
  }

  /** A trial config from its JSON, as a spec's resolved config is read. */
  protected static TrialConfig parse(String json) {
    try {
      return Catalog.standard().mapper().readValue(json, TrialConfig.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  protected final RecordingRecorder run(long seed, long testSeed) {
    TrialConfig c = config();
    RecordingRecorder r = new RecordingRecorder();
    c.training().create().run(new Trial(c, seed, testSeed), r);
    return r;
  }

  @Test
  void theSameTrialGivesTheSameBits() {
    RecordingRecorder a = run(11, 12);
    RecordingRecorder b = run(11, 12);
    assertEquals(a.curve, b.curve);
    assertEquals(a.series, b.series);
    assertEquals(a.metrics.toString(), b.metrics.toString());
    RecordingRecorder other = run(13, 12);
    assertFalse(a.curve.equals(other.curve), "another seed, another trial");
  }

  @Test
  void itReportsExactlyTheMetricsItDeclares() {
    RecordingRecorder r = run(11, 12);
    assertNull(r.divergedAt, "the contract trial must not diverge");
    assertEquals(config().training().metrics(config()), List.copyOf(r.metrics.keySet()));
  }

  @Test
  void progressRunsForwardToItsTotal() {
    RecordingRecorder r = run(11, 12);
    assertFalse(r.progress.isEmpty());
    long last = -1;
    for (long[] p : r.progress) {
      assertTrue(p[0] >= last && p[0] <= p[1], p[0] + " of " + p[1]);
      last = p[0];
    }
    long[] end = r.progress.get(r.progress.size() - 1);
    assertEquals(end[1], end[0], "ends at its total");
  }

  @Test
  void itsConfigPassesItsOwnChecksAndHasACost() {
    assertEquals(List.of(), config().training().check(config()));
    assertTrue(config().training().cost(config()) > 0);
  }
}
