package org.rnnlab.data.image;

/** The shape and labels of an image set that holds its own pixels; subclasses choose the storage. */
abstract class StoredImageSet implements ImageSet {
  private final int rows;
  private final int cols;
  private final int classes;
  private final int[] labels;

  StoredImageSet(int rows, int cols, int classes, int pixelCount, int[] labels) {
    if (rows < 1 || cols < 1 || classes < 1) {
      throw new IllegalArgumentException("image set needs rows, cols and classes >= 1, got "
          + rows + ", " + cols + ", " + classes);
    }
    if ((long) labels.length * rows * cols != pixelCount) {
      throw new IllegalArgumentException(pixelCount + " pixel values for " + labels.length + " images of "
          + rows + "x" + cols + ", expected " + (long) labels.length * rows * cols);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException("image " + i + " has label " + labels[i] + ", expected 0.." + (classes - 1));
      }
    }
    this.rows = rows;
    this.cols = cols;
    this.classes = classes;
    this.labels = labels.clone();
  }

  @Override
  public final int size() {
    return labels.length;
  }

  @Override
  public final int rows() {
    return rows;
  }

  @Override
  public final int cols() {
    return cols;
  }

  @Override
  public final int classes() {
    return classes;
  }

  @Override
  public final int label(int i) {
    return labels[i];
  }

  /** Offset of pixel {@code p} of image {@code i} in the flat storage. */
  final int offset(int i, int p) {
    if (p < 0 || p >= rows * cols) {
      throw new IndexOutOfBoundsException("pixel " + p + " outside 0.." + (rows * cols - 1));
    }
    return i * rows * cols + p;
  }
}
