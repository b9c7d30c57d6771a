// Generated from src/main/java/org/rnnlab/engine/Params.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change Params.java and run `make generate`.
package org.rnnlab.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * All trainable parameters of a model in one flat array, with the gradient beside it, so that
 * optimisers and clipping rules work on plain arrays. Each {@link Param} is a named row-major
 * matrix slice in PyTorch's layout ({@code weight_ih_l0} is {@code gates*hidden x input}).
 * Declare every parameter with {@link Builder#add}, then {@link Builder#build}.
 *
 * <p>Beside the parameters a model may hold non-trainable {@link Buffer}s (batch norm's running
 * statistics): saved and loaded with the parameters, but outside {@link #values()}, so that no
 * optimiser, clipping rule or gradient check ever sees them.
 */
public final class ParamsF32 {
  /** What a parameter is, which decides how it is initialised. */
  public enum Kind { INPUT_WEIGHT, RECURRENT_WEIGHT, BIAS, OUTPUT_WEIGHT, NORM_GAIN, NORM_BIAS, EMBEDDING }

  /**
   * One named parameter: a {@code rows x cols} row-major slice at {@code offset}.
   * {@code blocks} is the number of gate blocks stacked along the rows (4 for LSTM, 3 for GRU).
   */
  public record Param(String name, int rows, int cols, int offset, Kind kind, int blocks) {
    /** Number of values. */
    public int size() {
      return rows * cols;
    }
  }

  /**
   * A named non-trainable {@code rows x cols} row-major array owned by a layer, which reads and
   * writes {@link #values()} directly; saved as a flat array when it has one row.
   */
  public static final class Buffer {
    private final String name;
    private final int rows;
    private final int cols;
    private final float[] values;

    private Buffer(String name, int rows, int cols) {
      this.name = name;
      this.rows = rows;
      this.cols = cols;
      this.values = new float[rows * cols];
    }

    /** The key in a parameter file. */
    public String name() {
      return name;
    }

    /** Rows. */
    public int rows() {
      return rows;
    }

    /** Columns. */
    public int cols() {
      return cols;
    }

    /** The values, {@code rows x cols} row-major. */
    public float[] values() {
      return values;
    }
  }

  private final float[] values;
  private final float[] grads;
  private final List<Param> list;
  private final List<Buffer> buffers;
  private long version;

  private ParamsF32(List<Param> list, List<Buffer> buffers, int total) {
    this.list = Collections.unmodifiableList(new ArrayList<>(list));
    this.buffers = Collections.unmodifiableList(new ArrayList<>(buffers));
    this.values = new float[total];
    this.grads = new float[total];
  }

  /**
   * The parameter values, writable; layers read their slices from here. Every call counts as a
   * change of the values ({@link #version()} moves on), so whoever writes must write through an
   * array obtained after the last inference step that should not see the write: a caller that
   * keeps the array and writes into it later calls {@link #markChanged()} after writing.
   */
  public float[] values() {
    version++;
    return values;
  }

  /**
   * The values for a reader that promises not to write them (the engine's inference step), without
   * counting as a change: what lets the step reuse weights it packed at the same {@link #version()}.
   */
  float[] valuesForReading() {
    return values;
  }

  /**
   * A count that moves on whenever the values may have changed: at every {@link #values()} and
   * {@link #markChanged()}. Weights derived from the values (transposed, packed) at one version
   * are those of the values for as long as the version stays.
   */
  public long version() {
    return version;
  }

  /** Declares that the values have changed, for a writer that kept the array of an earlier {@link #values()}. */
  public void markChanged() {
    version++;
  }

  /** The gradient, same layout as {@link #values()}. */
  public float[] grads() {
    return grads;
  }

  /** All parameters in declaration order. */
  public List<Param> list() {
    return list;
  }

  /** The non-trainable buffers in declaration order (none for most models). */
  public List<Buffer> buffers() {
    return buffers;
  }

  /** Number of scalar parameters. */
  public int size() {
    return values.length;
  }

  /** The parameter with this name. */
  public Param get(String name) {
    for (Param p : list) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no parameter named " + name);
  }

  /** Sets the gradient to zero. */
  public void zeroGrads() {
    java.util.Arrays.fill(grads, 0.0f);
  }

  /** Collects parameter declarations before the flat arrays are allocated. */
  public static final class Builder {
    private final List<Param> list = new ArrayList<>();
    private final List<Buffer> buffers = new ArrayList<>();
    private int total;
    private String prefix = "";

    /**
     * Prepends {@code prefix} to the names of the parameters and buffers declared from now on
     * ("": none, the default): how one model holds two stacks whose layers declare the same names
     * (an encoder's {@code encoder.weight_ih_l0} beside a decoder's {@code decoder.weight_ih_l0}).
     */
    public Builder prefix(String prefix) {
      this.prefix = java.util.Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** Declares a parameter and returns its handle. */
    public Param add(String name, int rows, int cols, Kind kind, int blocks) {
      String full = prefix + name;
      checkNew(full);
      Param p = new Param(full, rows, cols, total, kind, blocks);
      list.add(p);
      total += rows * cols;
      return p;
    }

    /** Declares a non-trainable buffer (zeros until its owner initialises it) and returns it. */
    public Buffer addBuffer(String name, int rows, int cols) {
      String full = prefix + name;
      checkNew(full);
      Buffer b = new Buffer(full, rows, cols);
      buffers.add(b);
      return b;
    }

    /** Parameters and buffers share one namespace: the keys of a parameter file. */
    private void checkNew(String name) {
      boolean taken = list.stream().anyMatch(p -> p.name().equals(name))
          || buffers.stream().anyMatch(b -> b.name().equals(name));
      if (taken) {
        throw new IllegalArgumentException("duplicate parameter name " + name);
      }
    }

    /** Allocates the flat value and gradient arrays. */
    public ParamsF32 build() {
      return new ParamsF32(list, buffers, total);
    }
  }
}
