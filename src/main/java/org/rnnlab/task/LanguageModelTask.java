package org.rnnlab.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.data.Split;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.ReadoutMode;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.loss.CrossEntropyLoss;

/**
 * A language model (seed 000, 7.2.1): predict the next token of a text from the ones before it,
 * with a softmax over the vocabulary at every step. Training is truncated BPTT in its
 * language-model form (7.2.2): the training text is cut into {@code batch_size} contiguous
 * streams, each minibatch is the next {@code segment_length} tokens of every stream, the state is
 * carried from segment to segment (reset only at the start of each pass over the text) and
 * gradients stop at the segment boundary. Validation and test texts are measured whole, cut into
 * {@code evaluation_streams} streams, each with its state carried from its own start; the first
 * token of a stream is only read, every later one is predicted. Metrics: {@code bpc} (mean
 * -log2 p per predicted token: bits per character for a character corpus) and {@code perplexity}
 * (2^bpc); the loss is the same in nats. Beside them, the bits per token of n-gram models of the
 * same training text on the same text ({@code unigram_bpc}, {@code kn3_bpc}, {@code kn5_bpc},
 * {@code kn7_bpc}: interpolated Kneser-Ney, {@link org.rnnlab.data.text.KneserNey}).
 */
public final class LanguageModelTask implements SequenceTask {
  /** Bits per predicted token: the mean of -log2 p(next token). */
  public static final String BPC = "bpc";
  /** 2 to the bpc: the mean branching factor the model is as uncertain as. */
  public static final String PERPLEXITY = "perplexity";
  /** Tokens per evaluation segment (the evaluation carries the state across segments, so this only bounds memory). */
  static final int EVALUATION_SEGMENT = 250;
  private static final double LN2 = StrictMath.log(2.0);

  /** The spec record: {@code {"type": "language_model", "corpus": "moby-dick", "segment_length": 50}}. */
  public record Config(
      @Hyper(doc = "The text: moby-dick (the dataset's characters, split by position 90/5/5 %) or toy (the seed's "
          + "\"the cat chased the mouse\" sentences, words as tokens; built in).", allowed = {"moby-dick", "toy"})
      String corpus,
      @Hyper(doc = "Truncated BPTT's segment length k: tokens per minibatch and stream; the state is carried across "
          + "segments, gradients are not.", min = 1, max = 100_000, defaultValue = "50") Integer segmentLength,
      @Hyper(doc = "Streams the validation and test texts are cut into, each measured from its start with its state "
          + "carried; 1: the whole text as one stream.", min = 1, max = 10_000, defaultValue = "1")
      Integer evaluationStreams,
      @OptionalKey @Hyper(doc = "Only the first this many tokens of the corpus (before the split), e.g. for a quick "
          + "profile; absent: all.", min = 100) Integer maxTokens) implements SequenceTaskConfig {
    public Config {
      segmentLength = segmentLength == null ? 50 : segmentLength;
      evaluationStreams = evaluationStreams == null ? 1 : evaluationStreams;
      if (corpus == null || !(corpus.equals("moby-dick") || corpus.equals("toy"))) {
        throw new IllegalArgumentException("language_model corpus must be moby-dick or toy, got " + corpus);
      }
      if (segmentLength < 1 || evaluationStreams < 1 || (maxTokens != null && maxTokens < 100)) {
        throw new IllegalArgumentException("language_model needs segment_length >= 1, evaluation_streams >= 1 and "
            + "max_tokens >= 100");
      }
    }

    @Override
    public SequenceTask create() {
      return new LanguageModelTask(this, TokenText.load(corpus, maxTokens));
    }

    @Override
    public List<String> metricNames() {
      List<String> out = new ArrayList<>(List.of(BPC, PERPLEXITY));
      TokenText.BASELINES.forEach(b -> out.add(b + "_" + BPC));
      return out;
    }

    @Override
    public int typicalLength() {
      return segmentLength;
    }

    @Override
    public OptionalInt longestSequence() {
      return OptionalInt.of(Math.max(segmentLength, EVALUATION_SEGMENT));
    }

    @Override
    public boolean generates() {
      return true;
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public boolean fixedSplits() {
      return true;
    }

    @Override
    public List<String> datasets() {
      return corpus.equals("moby-dick") ? List.of(TokenText.MOBY_DICK) : List.of();
    }
  }

  private final Config cfg;
  private final TokenText text;

  LanguageModelTask(Config cfg, TokenText text) {
    this.cfg = cfg;
    this.text = text;
  }

  /** The text this task reads, split and encoded. */
  public TokenText text() {
    return text;
  }

  @Override
  public java.util.Optional<TokenCodec> codec() {
    return java.util.Optional.of(text.codec());
  }

  @Override
  public int inputSize() {
    return 0;
  }

  @Override
  public int vocabularySize() {
    return text.vocabularySize();
  }

  @Override
  public int outputSize() {
    return text.vocabularySize();
  }

  @Override
  public boolean classification() {
    return true;
  }

  @Override
  public ReadoutMode readout() {
    return ReadoutMode.EVERY_STEP;
  }

  @Override
  public TaskData data() {
    return new TaskData() {
      @Override
      public BatchStream training(int batchSize, Integer trainSize, Rng rng) {
        return new Streams(text.split(Split.TRAIN), batchSize, cfg.segmentLength());
      }

      @Override
      public Batch evaluation(Split split, Integer size, Rng rng) {
        List<Batch> b = evaluationBatches(split, size, rng);
        if (b.size() != 1) {
          throw new IllegalStateException("a language model's " + split + " text is " + b.size() + " segments");
        }
        return b.get(0);
      }

      @Override
      public List<Batch> evaluationBatches(Split split, Integer size, Rng rng) {
        int[] tokens = text.split(split);
        Streams s = new Streams(tokens, Math.min(cfg.evaluationStreams(), Math.max(1, (tokens.length - 1) / 2)),
            EVALUATION_SEGMENT);
        List<Batch> out = new ArrayList<>();
        for (int j = 0; j < s.segmentsPerPass(); j++) {
          out.add(s.segment(j));
        }
        return out;
      }

      @Override
      public boolean evaluationCarriesState() {
        return true;
      }
    };
  }

  @Override
  public Map<String, Double> evaluate(Batch batch, double[] outputs) {
    Scorer s = scorer();
    s.add(batch, outputs);
    return s.result();
  }

  @Override
  public Scorer scorer() {
    return scorer(Split.TEST);
  }

  /** Bits per token and perplexity of the model, then each n-gram baseline's bits per token on the same text. */
  @Override
  public Scorer scorer(Split split) {
    return new Scorer() {
      private final CrossEntropyLoss loss = new CrossEntropyLoss();
      private double nats;
      private long predicted;
      // kept across add() calls: a text scored segment by segment allocates them once
      private double[] w = new double[0];
      private double[] gradient = new double[0];

      @Override
      public void add(Batch b, double[] outputs) {
        int n = b.steps() * b.size();
        if (w.length < n) {
          w = new double[n];
        }
        if (gradient.length < n * outputSize()) {
          gradient = new double[n * outputSize()];
        }
        long count = 0;
        for (int t = 0; t < b.steps(); t++) {
          for (int i = 0; i < b.size(); i++) {
            w[t * b.size() + i] = b.weight(t, i);
            count += b.weight(t, i) > 0 ? 1 : 0;
          }
        }
        if (count > 0) {
          double mean = loss.evaluate(outputs, n, outputSize(), null, b.labels(), 0, w, gradient);
          nats += mean * count;
          predicted += count;
        }
      }

      @Override
      public Map<String, Double> result() {
        double bits = predicted == 0 ? Double.NaN : nats / predicted / LN2;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(BPC, bits);
        m.put(PERPLEXITY, StrictMath.pow(2.0, bits));
        TokenText.BASELINES.forEach(b -> m.put(b + "_" + BPC, text.baselineBits(b, split)));
        return m;
      }
    };
  }

  @Override
  public Map<String, Double> baseline() {
    double bits = text.baselineBits("unigram", Split.TEST);
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(BPC, bits);
    m.put(PERPLEXITY, StrictMath.pow(2.0, bits));
    return m;
  }

  @Override
  public String baselineDescription() {
    return "unigram model of the training text (absolute discounting): bits per token on the test text";
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    Double b = metrics.get(BPC);
    return b != null && b < baseline().get(BPC);
  }

  @Override
  public String describe() {
    return "language model on " + cfg.corpus() + " (" + text.describe() + "), segments of " + cfg.segmentLength();
  }

  /**
   * A text cut into {@code streams} contiguous parts of equal length (the remainder dropped), read
   * in segments of {@code k} tokens: segment j holds positions [jk, jk+k) of every stream as inputs
   * and the positions one later as targets. The last segment of a pass may be shorter.
   */
  static final class Streams implements BatchStream {
    private final int[] tokens;
    private final int streams;
    private final int k;
    private final int perStream;
    private final int segments;
    private int next;
    private boolean continues;

    Streams(int[] tokens, int streams, int k) {
      this.tokens = tokens;
      this.streams = streams;
      this.k = k;
      this.perStream = tokens.length / streams;
      if (perStream < 2) {
        throw new IllegalArgumentException("a text of " + tokens.length + " tokens cannot be cut into " + streams
            + " streams of at least 2 tokens");
      }
      this.segments = (perStream - 1 + k - 1) / k; // perStream - 1 predicted positions per stream
    }

    int segmentsPerPass() {
      return segments;
    }

    @Override
    public Batch next() {
      continues = next != 0;
      Batch b = segment(next);
      next = (next + 1) % segments;
      return b;
    }

    @Override
    public boolean continuesPrevious() {
      return continues;
    }

    @Override
    public int batchesPerEpoch() {
      return segments;
    }

    /** Segment {@code j} of every stream. */
    Batch segment(int j) {
      int from = j * k;
      int len = Math.min(k, perStream - 1 - from);
      int[] in = new int[len * streams];
      int[] labels = new int[len * streams];
      for (int t = 0; t < len; t++) {
        for (int s = 0; s < streams; s++) {
          int p = s * perStream + from + t;
          in[t * streams + s] = tokens[p];
          labels[t * streams + s] = tokens[p + 1];
        }
      }
      return Batch.ofTokens(len, streams, in, 0, null, Batch.fullLengths(len, streams), null, labels, null);
    }
  }
}
