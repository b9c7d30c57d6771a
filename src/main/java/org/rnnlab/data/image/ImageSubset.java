package org.rnnlab.data.image;

import java.util.Arrays;

/** Some images of another set, in a given order: a view that copies only the index list. */
final class ImageSubset implements ImageSet {
  private final ImageSet base;
  private final int[] indices;

  ImageSubset(ImageSet base, int[] indices) {
    for (int i : indices) {
      if (i < 0 || i >= base.size()) {
        throw new IndexOutOfBoundsException("image " + i + " outside 0.." + (base.size() - 1));
      }
    }
    this.base = base;
    this.indices = indices.clone();
  }

  @Override
  public int size() {
    return indices.length;
  }

  @Override
  public int rows() {
    return base.rows();
  }

  @Override
  public int cols() {
    return base.cols();
  }

  @Override
  public int classes() {
    return base.classes();
  }

  @Override
  public int label(int i) {
    return base.label(indices[i]);
  }

  @Override
  public double pixel(int i, int p) {
    return base.pixel(indices[i], p);
  }

  @Override
  public void copyImage(int i, double[] dst, int off) {
    base.copyImage(indices[i], dst, off);
  }

  @Override
  public ImageSet select(int[] idx) {
    // compose instead of stacking views
    int[] composed = new int[idx.length];
    for (int k = 0; k < idx.length; k++) {
      composed[k] = indices[idx[k]];
    }
    return new ImageSubset(base, composed);
  }

  @Override
  public String toString() {
    return "ImageSubset" + Arrays.toString(Arrays.copyOf(indices, Math.min(indices.length, 8)))
        + (indices.length > 8 ? "... (" + indices.length + ")" : "");
  }
}
