package org.rnnlab.data.image;

import org.rnnlab.engine.Batch;

/** Engine batches of image sequences: inputs time-major, one class label per sequence (last-step readout). */
public final class ImageBatches {
  private ImageBatches() {}

  /** The images {@code indices} of {@code set} read through {@code view}, labels at the last step. */
  public static Batch batch(ImageSet set, int[] indices, ImageSequenceView view) {
    if (view.imagePixels() != set.pixels()) {
      throw new IllegalArgumentException("view reads images of " + view.imagePixels() + " pixels, set has "
          + set.rows() + "x" + set.cols());
    }
    int n = indices.length;
    int f = view.features();
    double[] inputs = new double[view.steps() * n * f];
    int[] labels = new int[n];
    double[] image = new double[set.pixels()];
    for (int b = 0; b < n; b++) {
      set.copyImage(indices[b], image, 0);
      view.write(image, inputs, b * f, n * f);
      labels[b] = set.label(indices[b]);
    }
    return new Batch(view.steps(), n, f, inputs, Batch.fullLengths(view.steps(), n), null, labels, null);
  }
}
