package org.rnnlab.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The state stream: every type round-trips bit for bit; every misfit is one clear line. */
class StateStreamTest {
  static final double NAN_PAYLOAD = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);

  static byte[] sample() {
    return new StateWriter()
        .begin("outer")
        .writeDoubles("d", new double[] {1.5, -0.0, NAN_PAYLOAD, Double.MIN_VALUE, Double.NEGATIVE_INFINITY})
        .writeLongs("l", new long[] {Long.MIN_VALUE, 0, 7})
        .writeInts("i", new int[] {3, -4})
        .begin("inner").writeInt("n", -17).writeLong("big", 1L << 60).end()
        .writeDouble("x", -0.0)
        .writeBoolean("flag", true)
        .writeString("s", "grüße / naïve")
        .end()
        .toByteArray();
  }

  @Test
  void everyTypeRoundTripsBitForBit() {
    StateReader r = new StateReader(sample());
    r.begin("outer");
    double[] d = r.readDoubles("d", 5);
    long[] bits = Arrays.stream(d).mapToLong(Double::doubleToRawLongBits).toArray();
    long[] want = Arrays.stream(new double[] {1.5, -0.0, NAN_PAYLOAD, Double.MIN_VALUE, Double.NEGATIVE_INFINITY})
        .mapToLong(Double::doubleToRawLongBits).toArray();
    assertArrayEquals(want, bits, "raw bits, NaN payload and -0.0 included");
    assertArrayEquals(new long[] {Long.MIN_VALUE, 0, 7}, r.readLongs("l"));
    assertArrayEquals(new int[] {3, -4}, r.readInts("i"));
    assertTrue(r.nextIsGroup("inner"));
    assertFalse(r.nextIsGroup("other"));
    r.begin("inner");
    assertEquals(-17, r.readInt("n"));
    assertEquals(1L << 60, r.readLong("big"));
    r.end();
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.readDouble("x")));
    assertTrue(r.readBoolean("flag"));
    assertEquals("grüße / naïve", r.readString("s"));
    r.end();
    r.finish();
  }

  @Test
  void aSectionOfAnotherNameTypeOrLengthIsOneLineNamingItsPath() {
    StateReader r = new StateReader(sample());
    r.begin("outer");
    StateFormatException e = assertThrows(StateFormatException.class, () -> r.readDoubles("m"));
    assertEquals("section 2: expected double[] outer/m, found double[] outer/d", e.getMessage());
    e = assertThrows(StateFormatException.class, () -> r.readLongs("d"));
    assertEquals("section 2: expected long[] outer/d, found double[] outer/d", e.getMessage());
    e = assertThrows(StateFormatException.class, () -> r.readDoubles("d", 4));
    assertEquals("outer/d: 5 values, expected 4", e.getMessage());
    double[] dst = new double[6];
    assertThrows(StateFormatException.class, () -> r.readDoublesInto("d", dst));
    assertTrue(Arrays.stream(dst).allMatch(x -> x == 0.0), "nothing written on a mismatch");
    // a failed read consumes nothing: the right request still succeeds
    assertEquals(5, r.readDoubles("d").length);
    r.readLongs("l");
    r.readInts("i");
    e = assertThrows(StateFormatException.class, () -> r.readInt("n"));
    assertEquals("section 5: expected int outer/n, found group outer/inner", e.getMessage());
    r.begin("inner");
    r.readInt("n");
    e = assertThrows(StateFormatException.class, r::end);
    assertEquals("section 7: expected end of group outer/inner, found long outer/inner/big", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void floatArraysRoundTripBitForBitAndCheckTheirLength() {
    float nan = Float.intBitsToFloat(0x7fc12345);
    float[] v = {1.5f, -0.0f, nan, Float.MIN_VALUE, Float.NEGATIVE_INFINITY, 0x1.fffffep127f};
    byte[] b = new StateWriter().writeFloats("f", v).writeDoubles("d", new double[] {2.0}).toByteArray();
    StateReader r = new StateReader(b);
    float[] back = r.readFloats("f", v.length);
    for (int i = 0; i < v.length; i++) {
      assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(back[i]), "raw bits of value " + i);
    }
    r.readDoubles("d", 1);
    r.finish();
    StateReader short4 = new StateReader(b);
    float[] dst = new float[4];
    StateFormatException e = assertThrows(StateFormatException.class, () -> short4.readFloatsInto("f", dst));
    assertEquals("f: 6 values, expected 4", e.getMessage());
    assertTrue(dst[0] == 0.0f, "nothing written on a mismatch");
    e = assertThrows(StateFormatException.class, () -> short4.readDoubles("f"));
    assertEquals("section 1: expected double[] f, found float[] f", e.getMessage());
  }

  @Test
  void expectStringRefusesAnotherComponent() {
    byte[] b = new StateWriter().writeString("type", "adam").toByteArray();
    StateFormatException e = assertThrows(StateFormatException.class,
        () -> new StateReader(b).expectString("type", "rmsprop"));
    assertEquals("type: \"adam\", expected \"rmsprop\"", e.getMessage());
    new StateReader(b).expectString("type", "adam");
  }

  @Test
  void sectionsLeftOverAreAnError() {
    byte[] b = new StateWriter().writeInt("a", 1).writeInt("b", 2).toByteArray();
    StateReader r = new StateReader(b);
    r.readInt("a");
    StateFormatException e = assertThrows(StateFormatException.class, r::finish);
    assertTrue(e.getMessage().startsWith("section 2: "), e.getMessage());
  }

  @Test
  void everyTruncationIsAStateFormatExceptionNeverAnotherException() {
    byte[] full = sample();
    for (int n = 0; n < full.length; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      StateFormatException e = assertThrows(StateFormatException.class, () -> readSample(cut), "prefix " + n);
      assertFalse(e.getMessage().contains("\n"));
    }
    readSample(full);
  }

  @Test
  void corruptedBytesAreCaughtOrReadAsOtherValuesButNeverCrashTheReader() {
    byte[] full = sample();
    for (int i = 0; i < full.length; i++) {
      byte[] bad = full.clone();
      bad[i] ^= (byte) 0xA5;
      try {
        readSample(bad);
      } catch (StateFormatException expected) {
        // a clear line; anything else (an IndexOutOfBounds, a NegativeArraySize) fails the test
      }
    }
  }

  @Test
  void anotherStreamOrVersionIsRefused() {
    assertEquals("not a training-state stream (no RNLS header)",
        assertThrows(StateFormatException.class, () -> new StateReader(new byte[] {1, 2, 3})).getMessage());
    byte[] b = sample();
    b[7] = 9;
    assertEquals("training-state format version 9, this rnnlab reads 1",
        assertThrows(StateFormatException.class, () -> new StateReader(b)).getMessage());
  }

  @Test
  void theWriterRefusesPathsInNamesAndOpenGroups() {
    assertThrows(IllegalArgumentException.class, () -> new StateWriter().writeInt("a/b", 1));
    assertThrows(IllegalArgumentException.class, () -> new StateWriter().writeInt("", 1));
    assertThrows(IllegalStateException.class, () -> new StateWriter().begin("g").toByteArray());
    assertThrows(IllegalStateException.class, () -> new StateWriter().end());
  }

  private static void readSample(byte[] b) {
    StateReader r = new StateReader(b);
    r.begin("outer");
    r.readDoubles("d");
    r.readLongs("l");
    r.readInts("i");
    r.begin("inner");
    r.readInt("n");
    r.readLong("big");
    r.end();
    r.readDouble("x");
    r.readBoolean("flag");
    r.readString("s");
    r.end();
    r.finish();
  }
}
