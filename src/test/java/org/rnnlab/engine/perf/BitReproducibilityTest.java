package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Training, prediction and gradients give the same bits as the engine before its kernels were
 * optimised (fingerprints recorded from that version, commit 47838d8): see {@link EngineFingerprint}.
 * Bits must not depend on the machine or the vector width either, so these constants hold
 * everywhere. If a deliberate change of the numerics (not of speed) breaks this test, re-record
 * the constants with {@code EngineFingerprint.main} and say so in the commit. NaN is hashed as
 * the one canonical NaN: Java leaves NaN payloads unspecified, and x86's 0xfff8... differs from
 * the 0x7ff8... of a software fma (elman-relu/adding and /wide diverge to NaN; re-recorded).
 */
class BitReproducibilityTest {
  static final Map<String, Long> GOLDEN = new LinkedHashMap<>();

  static {
    GOLDEN.put("elman-tanh/tiny", 0xe0240e18fce701cdL);
    GOLDEN.put("elman-tanh/odd", 0x64a98368ba2e9626L);
    GOLDEN.put("elman-tanh/adding", 0x1402d82ee513716cL);
    GOLDEN.put("elman-tanh/mid", 0xfa63d54e5250bc09L);
    GOLDEN.put("elman-tanh/wide", 0xca001b550af1df7bL);
    GOLDEN.put("elman-relu/tiny", 0xf6015739f21d4484L);
    GOLDEN.put("elman-relu/odd", 0x33f71910d1066747L);
    GOLDEN.put("elman-relu/adding", 0x508fc0733bdbc6e1L);
    GOLDEN.put("elman-relu/mid", 0x2ff9cc6ab8e767a1L);
    GOLDEN.put("elman-relu/wide", 0x4e3437cd1246c621L);
    GOLDEN.put("lstm/tiny", 0x9f1bf2f54b5555f4L);
    GOLDEN.put("lstm/odd", 0x4b349c88183c71ccL);
    GOLDEN.put("lstm/adding", 0x436358da5beb8b25L);
    GOLDEN.put("lstm/mid", 0x346459f6654787daL);
    GOLDEN.put("lstm/wide", 0x5e0218eb0c6bac68L);
    GOLDEN.put("gru-after/tiny", 0x80d23107d049f0f6L);
    GOLDEN.put("gru-after/odd", 0x1be4ce674487290fL);
    GOLDEN.put("gru-after/adding", 0x60e6f17be007c047L);
    GOLDEN.put("gru-after/mid", 0xc54db90cd6689307L);
    GOLDEN.put("gru-after/wide", 0x0ceb08c559c40b0eL);
    GOLDEN.put("gru-before/tiny", 0x93f3770d6eedf4faL);
    GOLDEN.put("gru-before/odd", 0xae5e3ff996729a47L);
    GOLDEN.put("gru-before/adding", 0x76757a28893e9ee9L);
    GOLDEN.put("gru-before/mid", 0x2f9db7ba1cb354acL);
    GOLDEN.put("gru-before/wide", 0x45c1a90b4518bb23L);
  }

  @Test
  void fingerprintsUnchanged() {
    Map<String, Long> got = EngineFingerprint.all();
    assertEquals(GOLDEN.keySet(), got.keySet());
    for (Map.Entry<String, Long> e : GOLDEN.entrySet()) {
      assertEquals(String.format("0x%016x", e.getValue()), String.format("0x%016x", got.get(e.getKey())),
          "bits of " + e.getKey() + " changed");
    }
  }
}
