package org.rnnlab.data.image;

/**
 * The Fashion-MNIST split (Xiao, Rasul and Vollgraf 2017): test = the official 10,000 test images
 * ({@code t10k-*}); of the official 60,000 training images, in file order, the last
 * {@code n / 10} (54,000..59,999) are validation and the rest train: 54,000 / 6,000 / 10,000.
 */
public final class FashionMnistSplit {
  private FashionMnistSplit() {}

  /** The split, from the official training and test files. */
  public static ImageSplits of(ImageSet trainFile, ImageSet testFile) {
    int n = trainFile.size();
    int nVal = n / 10;
    int[] train = new int[n - nVal];
    int[] val = new int[nVal];
    for (int i = 0; i < n; i++) {
      if (i < n - nVal) {
        train[i] = i;
      } else {
        val[i - (n - nVal)] = i;
      }
    }
    return new ImageSplits(trainFile.select(train), trainFile.select(val), testFile.head(testFile.size()));
  }
}
