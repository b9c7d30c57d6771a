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
    GOLDEN.put("ln-elman-tanh/odd", 0x128f80a871fdb0f2L);
    GOLDEN.put("ln-elman-tanh/mid", 0xe1c27a1501b5876eL);
    GOLDEN.put("ln-lstm/odd", 0x2d1ceaf0a0578789L);
    GOLDEN.put("ln-lstm/mid", 0x0796030af8667d0aL);
    GOLDEN.put("ln-gru-after/odd", 0x6c4ddd0138d160bbL);
    GOLDEN.put("ln-gru-after/mid", 0x5e3d1ab7fea3661dL);
    GOLDEN.put("ln-gru-before/odd", 0x228ab48c44e7a6deL);
    GOLDEN.put("ln-gru-before/mid", 0x1f3daf7d70c2576aL);
    GOLDEN.put("bn-elman-tanh/odd", 0x4ab3e8af53587398L);
    GOLDEN.put("bn-elman-tanh/mid", 0x592dce56e4dafd83L);
    GOLDEN.put("bn-lstm/odd", 0x97c1a6e35ab4749dL);
    GOLDEN.put("bn-lstm/mid", 0xeed6db037467dc98L);
    GOLDEN.put("bn-gru-after/odd", 0x02417e76c679115eL);
    GOLDEN.put("bn-gru-after/mid", 0xe2c9a91cab6a0fc8L);
    GOLDEN.put("bn-gru-before/odd", 0x273b3c4ee647f27fL);
    GOLDEN.put("bn-gru-before/mid", 0x6bbabbd7a13cd8e8L);
  }

  @Test
  void fingerprintsUnchanged() {
    Map<String, Long> got = EngineFingerprint.allNormalised();
    assertEquals(GOLDEN.keySet(), got.keySet());
    for (Map.Entry<String, Long> e : GOLDEN.entrySet()) {
      assertEquals(String.format("0x%016x", e.getValue()), String.format("0x%016x", got.get(e.getKey())),
          "bits of " + e.getKey() + " changed");
    }
  }
}
