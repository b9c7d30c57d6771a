package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Normalised cells give the same bits at every vector width (surefire runs this package again at
 * 4 and 2 doubles per vector) and on every machine: fingerprints of training, batch norm's running
 * statistics, prediction in both modes and gradients ({@link EngineFingerprint#normalisedCases}),
 * recorded at 8 doubles per vector when normalisation was added. Re-record with
 * {@code EngineFingerprint.main} only for a deliberate change of the numerics, and say so.
 */
class NormFingerprintTest {
  static final Map<String, Long> GOLDEN = new LinkedHashMap<>();

  static {
    GOLDEN.put("ln-elman-tanh/odd", 0xa4f49d6fdd45d716L);
    GOLDEN.put("ln-elman-tanh/mid", 0xceb259af8ad916b5L);
    GOLDEN.put("ln-lstm/odd", 0xa32c073eb9c55ccdL);
    GOLDEN.put("ln-lstm/mid", 0xec6b386c64f72dbeL);
    GOLDEN.put("ln-gru-after/odd", 0xe0321f6932e61efdL);
    GOLDEN.put("ln-gru-after/mid", 0x4814626db89f3aa6L);
    GOLDEN.put("ln-gru-before/odd", 0xfae7175e81b4002aL);
    GOLDEN.put("ln-gru-before/mid", 0xc8a55bf992391363L);
    GOLDEN.put("bn-elman-tanh/odd", 0x9c7052a97b3a1aa4L);
    GOLDEN.put("bn-elman-tanh/mid", 0x50a541a75405bcadL);
    GOLDEN.put("bn-lstm/odd", 0xbdd7d38f1a2ee23cL);
    GOLDEN.put("bn-lstm/mid", 0xb498740dfb29df8fL);
    GOLDEN.put("bn-gru-after/odd", 0x770a58d52e799dc3L);
    GOLDEN.put("bn-gru-after/mid", 0x257d95db462c79b0L);
    GOLDEN.put("bn-gru-before/odd", 0x52ac069fc7e0696bL);
    GOLDEN.put("bn-gru-before/mid", 0x0b49a374e02ef511L);
  }

  @Test
  void fingerprintsUnchanged() {
    assertEquals(hex(GOLDEN), hex(EngineFingerprint.allNormalised()));
  }

  /** One line per case, so that a failure shows every case that changed at once. */
  private static String hex(Map<String, Long> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(k).append(String.format(" 0x%016x%n", v)));
    return sb.toString();
  }
}
