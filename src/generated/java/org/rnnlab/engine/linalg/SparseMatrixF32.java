// Generated from src/main/java/org/rnnlab/engine/linalg/SparseMatrix.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change SparseMatrix.java and run `make generate`.
package org.rnnlab.engine.linalg;

import java.util.Arrays;

/**
 * A sparse square matrix for repeated products with a vector, {@code y += A x}, in a fixed
 * order: each y_i is one fused multiply-add chain over row i's non-zeros in increasing column
 * order, starting from {@code y_i + 0.0} ({@link #multiplyAddReference}). A dense product over
 * all columns gives the same bits for finite x (a zero term leaves a chain that does not start at
 * -0.0 unchanged), so the sparse form is a matter of speed only.
 *
 * <p>Storage: sliced ELLPACK. Rows are taken {@value #SLICE} at a time; a slice stores its rows'
 * entries interleaved ({@code [entry][row]}), padded with zeros to its longest row. The kernel
 * keeps {@value #SLICE} independent chains in flight, which hides the latency of the
 * multiply-add; padding adds zero terms at the end of a chain, which leaves it unchanged.
 */
public final class SparseMatrixF32 {
  /** Rows per slice: independent accumulation chains per kernel iteration. */
  static final int SLICE = 8;

  private final int n;
  private final int nonZeros;
  private final int[] sliceStart; // offset of slice s in vals/cols, in entries x SLICE
  private final int[] sliceLength; // entries per row of slice s (its longest row)
  private final float[] vals;
  private final int[] cols;

  private SparseMatrixF32(int n, int nonZeros, int[] sliceStart, int[] sliceLength, float[] vals, int[] cols) {
    this.n = n;
    this.nonZeros = nonZeros;
    this.sliceStart = sliceStart;
    this.sliceLength = sliceLength;
    this.vals = vals;
    this.cols = cols;
  }

  /** The non-zeros of the n x n row-major block at {@code a[off..]}. */
  public static SparseMatrixF32 fromDense(float[] a, int off, int n) {
    return blockDiagonal(new float[][] {Arrays.copyOfRange(a, off, off + n * n)}, new int[] {n});
  }

  /**
   * The block-diagonal matrix with square row-major blocks {@code blocks[g]} of size
   * {@code sizes[g]}, in order along the diagonal (a reservoir split into disconnected groups).
   */
  public static SparseMatrixF32 blockDiagonal(float[][] blocks, int[] sizes) {
    int n = 0;
    for (int s : sizes) {
      n += s;
    }
    int[] rowNnz = new int[n];
    int[] rowBlock = new int[n];
    int[] rowInBlock = new int[n];
    int[] colStart = new int[n];
    int r = 0;
    int c0 = 0;
    int nnz = 0;
    for (int g = 0; g < sizes.length; g++) {
      int m = sizes[g];
      for (int i = 0; i < m; i++, r++) {
        rowBlock[r] = g;
        rowInBlock[r] = i;
        colStart[r] = c0;
        for (int j = 0; j < m; j++) {
          if (blocks[g][i * m + j] != 0.0f) {
            rowNnz[r]++;
          }
        }
        nnz += rowNnz[r];
      }
      c0 += m;
    }
    int slices = (n + SLICE - 1) / SLICE;
    int[] start = new int[slices];
    int[] length = new int[slices];
    int total = 0;
    for (int s = 0; s < slices; s++) {
      int len = 0;
      for (int i = s * SLICE; i < Math.min(n, (s + 1) * SLICE); i++) {
        len = Math.max(len, rowNnz[i]);
      }
      start[s] = total;
      length[s] = len;
      total += len * SLICE;
    }
    float[] vals = new float[total];
    int[] cols = new int[total]; // padding entries: value 0 at column 0
    for (int i = 0; i < n; i++) {
      int g = rowBlock[i];
      int m = sizes[g];
      int base = start[i / SLICE] + i % SLICE;
      int p = 0;
      for (int j = 0; j < m; j++) {
        float v = blocks[g][rowInBlock[i] * m + j];
        if (v != 0.0f) {
          vals[base + p * SLICE] = v;
          cols[base + p * SLICE] = colStart[i] + j;
          p++;
        }
      }
    }
    return new SparseMatrixF32(n, nnz, start, length, vals, cols);
  }

  /** Rows (and columns). */
  public int size() {
    return n;
  }

  /** Stored non-zeros (without padding). */
  public int nonZeros() {
    return nonZeros;
  }

  /** The matrix as a dense row-major array. */
  public float[] toDense() {
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      int s = i / SLICE;
      int base = sliceStart[s] + i % SLICE;
      for (int p = 0; p < sliceLength[s]; p++) {
        float v = vals[base + p * SLICE];
        if (v != 0.0f) {
          d[i * n + cols[base + p * SLICE]] = v;
        }
      }
    }
    return d;
  }

  /** y[yOff + i] += sum_j A_ij x[xOff + j] for every row i, in the order of the class comment. */
  public void multiplyAdd(float[] x, int xOff, float[] y, int yOff) {
    int full = n / SLICE;
    for (int s = 0; s < full; s++) {
      int y0 = yOff + s * SLICE;
      float a0 = y[y0] + 0.0f;
      float a1 = y[y0 + 1] + 0.0f;
      float a2 = y[y0 + 2] + 0.0f;
      float a3 = y[y0 + 3] + 0.0f;
      float a4 = y[y0 + 4] + 0.0f;
      float a5 = y[y0 + 5] + 0.0f;
      float a6 = y[y0 + 6] + 0.0f;
      float a7 = y[y0 + 7] + 0.0f;
      int q = sliceStart[s];
      int end = q + sliceLength[s] * SLICE;
      for (; q < end; q += SLICE) {
        a0 = Math.fma(vals[q], x[xOff + cols[q]], a0);
        a1 = Math.fma(vals[q + 1], x[xOff + cols[q + 1]], a1);
        a2 = Math.fma(vals[q + 2], x[xOff + cols[q + 2]], a2);
        a3 = Math.fma(vals[q + 3], x[xOff + cols[q + 3]], a3);
        a4 = Math.fma(vals[q + 4], x[xOff + cols[q + 4]], a4);
        a5 = Math.fma(vals[q + 5], x[xOff + cols[q + 5]], a5);
        a6 = Math.fma(vals[q + 6], x[xOff + cols[q + 6]], a6);
        a7 = Math.fma(vals[q + 7], x[xOff + cols[q + 7]], a7);
      }
      y[y0] = a0;
      y[y0 + 1] = a1;
      y[y0 + 2] = a2;
      y[y0 + 3] = a3;
      y[y0 + 4] = a4;
      y[y0 + 5] = a5;
      y[y0 + 6] = a6;
      y[y0 + 7] = a7;
    }
    for (int i = full * SLICE; i < n; i++) { // the last, partial slice: one chain at a time
      int s = i / SLICE;
      int q = sliceStart[s] + i % SLICE;
      float a = y[yOff + i] + 0.0f;
      for (int p = 0; p < sliceLength[s]; p++, q += SLICE) {
        a = Math.fma(vals[q], x[xOff + cols[q]], a);
      }
      y[yOff + i] = a;
    }
  }

  /** The specification of {@link #multiplyAdd}: plain compressed rows, no padding; for tests. */
  void multiplyAddReference(float[] x, int xOff, float[] y, int yOff) {
    float[] d = toDense();
    for (int i = 0; i < n; i++) {
      float a = y[yOff + i] + 0.0f;
      for (int j = 0; j < n; j++) {
        if (d[i * n + j] != 0.0f) {
          a = Math.fma(d[i * n + j], x[xOff + j], a);
        }
      }
      y[yOff + i] = a;
    }
  }
}
