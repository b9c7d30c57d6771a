package org.rnnlab.engine.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes training state as a sequence of named, typed sections in a fixed order (the order in
 * which a {@link StateReader} must ask for them), nested in named groups so that a component's
 * sections read as {@code optimizer/adam/m}. Doubles are written as their raw bits, so that a
 * restore is bit-identical (NaN payloads and -0.0 included). Big-endian, in memory; {@link #toByteArray}
 * gives the stream (stream format {@link #VERSION}, magic {@code RNLS}).
 */
public final class StateWriter {
  /** The first four bytes of every stream. */
  static final int MAGIC = 0x524E4C53; // "RNLS"
  /** Version of the stream format; a reader refuses others. */
  static final int VERSION = 1;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
  private final DataOutputStream out = new DataOutputStream(bytes);
  private final Deque<String> groups = new ArrayDeque<>();

  /** An empty stream (header only). */
  public StateWriter() {
    try {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a group: the sections up to the matching {@link #end} belong to it. */
  public StateWriter begin(String group) {
    header(StateType.BEGIN, group);
    groups.push(group);
    return this;
  }

  /** Closes the innermost open group. */
  public StateWriter end() {
    if (groups.isEmpty()) {
      throw new IllegalStateException("end() without an open group");
    }
    header(StateType.END, groups.pop());
    return this;
  }

  /** A double array, bit for bit. */
  public StateWriter writeDoubles(String name, double[] v) {
    header(StateType.DOUBLES, name);
    ByteBuffer b = ByteBuffer.allocate(4 + 8 * v.length);
    b.putInt(v.length);
    for (double x : v) {
      b.putLong(Double.doubleToRawLongBits(x));
    }
    raw(b.array());
    return this;
  }

  /** A float array (a float32 model's parameters), as raw IEEE bits. */
  public StateWriter writeFloats(String name, float[] v) {
    header(StateType.FLOATS, name);
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * v.length);
    b.putInt(v.length);
    for (float x : v) {
      b.putInt(Float.floatToRawIntBits(x));
    }
    raw(b.array());
    return this;
  }

  /** A long array. */
  public StateWriter writeLongs(String name, long[] v) {
    header(StateType.LONGS, name);
    ByteBuffer b = ByteBuffer.allocate(4 + 8 * v.length);
    b.putInt(v.length);
    for (long x : v) {
      b.putLong(x);
    }
    raw(b.array());
    return this;
  }

  /** An int array. */
  public StateWriter writeInts(String name, int[] v) {
    header(StateType.INTS, name);
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * v.length);
    b.putInt(v.length);
    for (int x : v) {
      b.putInt(x);
    }
    raw(b.array());
    return this;
  }

  /** An int. */
  public StateWriter writeInt(String name, int v) {
    header(StateType.INT, name);
    try {
      out.writeInt(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A long. */
  public StateWriter writeLong(String name, long v) {
    header(StateType.LONG, name);
    try {
      out.writeLong(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A double, bit for bit. */
  public StateWriter writeDouble(String name, double v) {
    header(StateType.DOUBLE, name);
    try {
      out.writeLong(Double.doubleToRawLongBits(v));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A boolean. */
  public StateWriter writeBoolean(String name, boolean v) {
    header(StateType.BOOLEAN, name);
    try {
      out.writeBoolean(v);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A string (UTF-8, any length). */
  public StateWriter writeString(String name, String v) {
    header(StateType.STRING, name);
    byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try {
      out.writeInt(b.length);
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The stream so far; every group must be closed. */
  public byte[] toByteArray() {
    if (!groups.isEmpty()) {
      throw new IllegalStateException("group " + groups.peek() + " is still open");
    }
    return bytes.toByteArray();
  }

  private void header(StateType type, String name) {
    if (name == null || name.isEmpty() || name.indexOf('/') >= 0) {
      throw new IllegalArgumentException("a section name is non-empty and has no '/': \"" + name + "\"");
    }
    try {
      out.writeByte(type.tag);
      out.writeUTF(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void raw(byte[] b) {
    bytes.write(b, 0, b.length);
  }
}
