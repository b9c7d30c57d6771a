package org.rnnlab.data.image;

/** Checks shared by the image-set implementations (package-private). */
final class ImageSets {
  private ImageSets() {}

  static void checkShape(int rows, int cols, int classes, int pixelCount, int[] labels) {
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
  }
}
