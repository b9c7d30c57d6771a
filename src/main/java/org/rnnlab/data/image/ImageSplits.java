package org.rnnlab.data.image;

import org.rnnlab.data.Split;

/** The train, validation and test images of a dataset (views of one loaded set, or of several). */
public record ImageSplits(ImageSet train, ImageSet validation, ImageSet test) {

  /** One split. */
  public ImageSet get(Split split) {
    return switch (split) {
      case TRAIN -> train;
      case VALIDATION -> validation;
      case TEST -> test;
    };
  }

  /**
   * The first {@code train}, {@code validation} and {@code test} images of each split (a small
   * {@code ci} profile); for the MNIST digits split the first n of a split are as stratified as n allows.
   */
  public ImageSplits head(int train, int validation, int test) {
    return new ImageSplits(this.train.head(train), this.validation.head(validation), this.test.head(test));
  }
}
