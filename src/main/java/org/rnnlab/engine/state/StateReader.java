package org.rnnlab.engine.state;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Reads a stream written by {@link StateWriter}, section by section in the order they were
 * written: every read names the section it expects, and a section of another name or type, an
 * array of another length, a truncated stream or sections left over ({@link #finish}) is a
 * {@link StateFormatException} with one line naming the section's path ({@code optimizer/adam/m}).
 */
public final class StateReader {
  private final ByteBuffer in;
  private final Deque<String> groups = new ArrayDeque<>();
  private int section;

  /** A reader of {@code bytes} (a whole stream, header first). */
  public StateReader(byte[] bytes) {
    this.in = ByteBuffer.wrap(bytes);
    if (bytes.length < 8 || in.getInt() != StateWriter.MAGIC) {
      throw new StateFormatException("not a training-state stream (no RNLS header)");
    }
    int version = in.getInt();
    if (version != StateWriter.VERSION) {
      throw new StateFormatException("training-state format version " + version + ", this rnnlab reads "
          + StateWriter.VERSION);
    }
  }

  /** Enters the group {@code group}, which must come next. */
  public StateReader begin(String group) {
    expect(StateType.BEGIN, group);
    groups.push(group);
    return this;
  }

  /** Leaves the innermost group, whose sections must all have been read. */
  public StateReader end() {
    if (groups.isEmpty()) {
      throw new IllegalStateException("end() without an open group");
    }
    expect(StateType.END, groups.peek());
    groups.pop();
    return this;
  }

  /** Whether the next section is the group {@code group} (for optional parts); reads nothing. */
  public boolean nextIsGroup(String group) {
    int at = in.position();
    try {
      if (!in.hasRemaining() || in.get() != StateType.BEGIN.tag) {
        return false;
      }
      return group.equals(utf());
    } catch (BufferUnderflowException | StateFormatException e) {
      return false;
    } finally {
      in.position(at);
    }
  }

  /** The double array {@code name}, of any length. */
  public double[] readDoubles(String name) {
    expect(StateType.DOUBLES, name);
    int n = length(name, 8);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = Double.longBitsToDouble(in.getLong());
    }
    return v;
  }

  /** The double array {@code name}, which must have {@code length} values. */
  public double[] readDoubles(String name, int length) {
    return ofLength(name, length, () -> readDoubles(name), v -> v.length);
  }

  /** What {@code read} returns, if its length is {@code length}; else an error, with the stream left before it. */
  private <T> T ofLength(String name, int length, Supplier<T> read, ToIntFunction<T> lengthOf) {
    int at = in.position();
    int sectionAt = section;
    T v = read.get();
    int n = lengthOf.applyAsInt(v);
    if (n != length) {
      in.position(at);
      section = sectionAt;
      throw new StateFormatException(path(name) + ": " + n + " values, expected " + length);
    }
    return v;
  }

  /** Reads the double array {@code name} into {@code dst}, whose length it must have. */
  public void readDoublesInto(String name, double[] dst) {
    double[] v = readDoubles(name, dst.length);
    System.arraycopy(v, 0, dst, 0, v.length);
  }

  /** The float array {@code name}. */
  public float[] readFloats(String name) {
    expect(StateType.FLOATS, name);
    int n = length(name, 4);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = Float.intBitsToFloat(in.getInt());
    }
    return v;
  }

  /** The float array {@code name}, which must have {@code length} values. */
  public float[] readFloats(String name, int length) {
    return ofLength(name, length, () -> readFloats(name), v -> v.length);
  }

  /** Reads the float array {@code name} into {@code dst}, whose length it must have. */
  public void readFloatsInto(String name, float[] dst) {
    float[] v = readFloats(name, dst.length);
    System.arraycopy(v, 0, dst, 0, v.length);
  }

  /** The long array {@code name}. */
  public long[] readLongs(String name) {
    expect(StateType.LONGS, name);
    int n = length(name, 8);
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.getLong();
    }
    return v;
  }

  /** The int array {@code name}. */
  public int[] readInts(String name) {
    expect(StateType.INTS, name);
    int n = length(name, 4);
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = in.getInt();
    }
    return v;
  }

  /** The int {@code name}. */
  public int readInt(String name) {
    expect(StateType.INT, name);
    return need(name, 4).getInt();
  }

  /** The long {@code name}. */
  public long readLong(String name) {
    expect(StateType.LONG, name);
    return need(name, 8).getLong();
  }

  /** The double {@code name}, bit for bit. */
  public double readDouble(String name) {
    expect(StateType.DOUBLE, name);
    return Double.longBitsToDouble(need(name, 8).getLong());
  }

  /** The boolean {@code name}. */
  public boolean readBoolean(String name) {
    expect(StateType.BOOLEAN, name);
    byte b = need(name, 1).get();
    if (b != 0 && b != 1) {
      throw new StateFormatException(path(name) + ": boolean byte " + b + " (damaged)");
    }
    return b == 1;
  }

  /** The string {@code name}. */
  public String readString(String name) {
    expect(StateType.STRING, name);
    int n = length(name, 1);
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * Reads the string {@code name} and checks that it is {@code expected}: the identity of the
   * component that wrote the group (a restore into another kind of component is refused).
   */
  public void expectString(String name, String expected) {
    String s = readString(name);
    if (!s.equals(expected)) {
      throw new StateFormatException(path(name) + ": \"" + s + "\", expected \"" + expected + "\"");
    }
  }

  /** The full path of section {@code name} in the groups open now ({@code clipping/global_norm/max_norm}), for messages. */
  public String pathOf(String name) {
    return path(name);
  }

  /** Checks that the whole stream was read: no open group, no section left. */
  public void finish() {
    if (!groups.isEmpty()) {
      throw new IllegalStateException("group " + groups.peek() + " is still open");
    }
    if (in.hasRemaining()) {
      throw new StateFormatException("section " + (section + 1) + ": " + in.remaining()
          + " bytes left over after the last section expected (state of another configuration?)");
    }
  }

  /** Reads the next section's header and checks it is {@code type} {@code name}. */
  private void expect(StateType type, String name) {
    int at = in.position();
    if (!in.hasRemaining()) {
      throw new StateFormatException(path(name) + ": the stream ends before this " + type.label + " (truncated)");
    }
    StateType found;
    String foundName;
    try {
      found = StateType.of(in.get());
      if (found == null) {
        in.position(at);
        throw new StateFormatException(path(name) + ": unknown section type " + in.get(at) + " (damaged)");
      }
      foundName = utf();
    } catch (BufferUnderflowException e) {
      in.position(at);
      throw new StateFormatException(path(name) + ": the stream ends inside a section header (truncated)");
    }
    if (found != type || !foundName.equals(name)) {
      in.position(at);
      // an end names the open group itself, whose path the group stack already holds
      throw new StateFormatException("section " + (section + 1) + ": expected " + type.label + " "
          + (type == StateType.END ? path(null) : path(name)) + ", found " + found.label + " "
          + (found == StateType.END && groups.contains(foundName) ? path(null) : path(foundName)));
    }
    section++;
  }

  private String utf() {
    int n = Short.toUnsignedInt(in.getShort());
    byte[] b = new byte[n];
    in.get(b);
    try {
      // the writer's modified UTF-8 equals UTF-8 for the names we write (no NUL, no supplementary characters)
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new StateFormatException("section " + (section + 1) + ": a name that is not UTF-8 (damaged)");
    }
  }

  /** An array length, checked against the bytes left. */
  private int length(String name, int bytesPer) {
    int n = need(name, 4).getInt();
    if (n < 0 || (long) n * bytesPer > in.remaining()) {
      throw new StateFormatException(path(name) + ": length " + n + " exceeds the " + in.remaining()
          + " bytes left (truncated or damaged)");
    }
    return n;
  }

  private ByteBuffer need(String name, int n) {
    if (in.remaining() < n) {
      throw new StateFormatException(path(name) + ": the stream ends inside this section (truncated)");
    }
    return in;
  }

  /** The path of section {@code name} in the open groups; null: of the innermost open group. */
  private String path(String name) {
    StringBuilder s = new StringBuilder();
    for (java.util.Iterator<String> it = groups.descendingIterator(); it.hasNext(); ) {
      s.append(it.next()).append('/');
    }
    if (name == null) {
      return s.length() == 0 ? "(top)" : s.substring(0, s.length() - 1);
    }
    return s.append(name).toString();
  }
}
