package org.rnnlab.data.image;

/**
 * Labelled grey-scale images of one size, pixels in [0, 1] stored row-major
 * (pixel {@code p} is row {@code p / cols}, column {@code p % cols}).
 */
public interface ImageSet {
  /** Number of images. */
  int size();

  /** Image height. */
  int rows();

  /** Image width. */
  int cols();

  /** Pixels per image, {@code rows() * cols()}. */
  default int pixels() {
    return rows() * cols();
  }

  /** Number of classes; labels are 0..classes()-1. */
  int classes();

  /** Class label of image {@code i}. */
  int label(int i);

  /** Pixel {@code p} (row-major) of image {@code i}, in [0, 1]. */
  double pixel(int i, int p);

  /** Copies image {@code i} into {@code dst[off .. off + pixels())}. */
  default void copyImage(int i, double[] dst, int off) {
    int n = pixels();
    for (int p = 0; p < n; p++) {
      dst[off + p] = pixel(i, p);
    }
  }

  /** Image {@code i} as a new array of {@code pixels()} values. */
  default double[] image(int i) {
    double[] a = new double[pixels()];
    copyImage(i, a, 0);
    return a;
  }

  /** The images at {@code indices}, in that order, as a view (no copy). */
  default ImageSet select(int[] indices) {
    return new ImageSubset(this, indices);
  }

  /** The first {@code n} images (all of them if there are fewer), as a view. */
  default ImageSet head(int n) {
    int m = Math.min(Math.max(n, 0), size());
    int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    return select(idx);
  }

  /** Images per class, indexed by label. */
  default int[] classCounts() {
    int[] c = new int[classes()];
    for (int i = 0; i < size(); i++) {
      c[label(i)]++;
    }
    return c;
  }
}
