package org.rnnlab.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.data.text.OffsetTaggingGenerator;
import org.rnnlab.data.text.OffsetTaggingGenerator.Direction;
import org.rnnlab.data.text.TokenTagSequences;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/**
 * Synthetic tagging where each token's tag is the token {@code offset} steps ahead (or behind), the
 * boundary tag V where that position lies outside the sequence ({@link OffsetTaggingGenerator}; seed
 * 000, 7.2.3: a bidirectional network sees the context on both sides, a left-to-right one only the
 * past). Inputs are token ids 0..V-1 (embedded by the model; there is no unknown token here), V + 1
 * tags, softmax cross-entropy at every step, lengths uniform on min_length..max_length (ragged batches).
 *
 * <p>Baseline: the unidirectional ceiling, the pooled token accuracy of the Bayes-optimal predictor
 * that sees only the tokens up to t and the position t ({@link OffsetTaggingGenerator#unidirectionalCeiling});
 * no left-to-right model exceeds it in expectation, a bidirectional one can reach 1. It is 1 when
 * the tag looks behind. Metrics: {@code accuracy} (pooled over the set's tokens) and
 * {@code sentence_accuracy} (sequences with every tag right). Solved: accuracy at least 0.99.
 */
public final class OffsetTaggingTask implements GeneratedTask, TaggingTask {
  /** Spec record: {@code {"type": "offset_tagging", "offset": 2, "direction": "ahead"}}. */
  public record Config(
      @Hyper(doc = "Token values V (the tags are these V and a boundary tag).", min = 2, defaultValue = "10")
      Integer vocabulary,
      @Hyper(doc = "Offset k: the tag of step t is the token at t+k (ahead) or t-k (behind).", min = 1,
          defaultValue = "2") Integer offset,
      @Hyper(doc = "Where the tag looks: ahead (beyond a left-to-right model's reach) or behind (within it).",
          allowed = {"ahead", "behind"}, defaultValue = "\"ahead\"") String direction,
      @Hyper(doc = "Shortest sequence.", min = 1, defaultValue = "10") Integer minLength,
      @Hyper(doc = "Longest sequence (lengths are uniform on min_length..max_length).", min = 1,
          defaultValue = "20") Integer maxLength,
      @Hyper(doc = "Probability that a token repeats its predecessor (else it is drawn afresh): with stay > 0 "
          + "the current token predicts the one k ahead, so the unidirectional ceiling is above chance and a "
          + "left-to-right model must learn to reach it.", min = 0, max = 0.999, defaultValue = "0.5")
      Double stay) implements SequenceTaskConfig {
    public Config {
      vocabulary = vocabulary == null ? 10 : vocabulary;
      offset = offset == null ? 2 : offset;
      direction = direction == null ? "ahead" : direction;
      minLength = minLength == null ? 10 : minLength;
      maxLength = maxLength == null ? 20 : maxLength;
      stay = stay == null ? 0.5 : stay;
      if (!direction.equals("ahead") && !direction.equals("behind")) {
        throw new IllegalArgumentException("offset_tagging direction must be ahead or behind, got " + direction);
      }
      if (minLength > maxLength) {
        throw new IllegalArgumentException("offset_tagging min_length " + minLength + " is above max_length "
            + maxLength);
      }
      generator(vocabulary, offset, direction, minLength, maxLength, stay); // the generator's own checks
    }

    @Override
    public List<String> metricNames() {
      return List.of("accuracy", "sentence_accuracy");
    }

    @Override
    public int typicalLength() {
      return (minLength + maxLength) / 2;
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public GeneratedTask create() {
      return new OffsetTaggingTask(this);
    }
  }

  private final Config config;
  private final OffsetTaggingGenerator generator;

  OffsetTaggingTask(Config config) {
    this.config = config;
    this.generator = generator(config.vocabulary(), config.offset(), config.direction(), config.minLength(),
        config.maxLength(), config.stay());
  }

  private static OffsetTaggingGenerator generator(int v, int k, String direction, int min, int max, double stay) {
    return new OffsetTaggingGenerator(v, k, direction.equals("ahead") ? Direction.AHEAD : Direction.BEHIND, min,
        max, stay);
  }

  /** The generator behind the task. */
  public OffsetTaggingGenerator generator() {
    return generator;
  }

  @Override
  public int inputSize() {
    return 0;
  }

  @Override
  public int vocabularySize() {
    return generator.vocabulary();
  }

  @Override
  public int outputSize() {
    return generator.tagCount();
  }

  @Override
  public Batch sample(int batchSize, Rng rng) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive: " + batchSize);
    }
    TokenTagSequences s = generator.sample(batchSize, rng);
    return new SentenceSet(s.tokens(), s.tags(), null, 0).all();
  }

  @Override
  public Scorer scorer() {
    return new TaggingScorer(outputSize(), false);
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("accuracy", generator.unidirectionalCeiling());
    return m;
  }

  @Override
  public String baselineDescription() {
    return String.format(Locale.ROOT, "unidirectional ceiling: the best left-to-right predictor (Bayes-optimal on "
        + "tokens up to t and the position) tags %.4f of the tokens right; a bidirectional model can reach 1",
        generator.unidirectionalCeiling());
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("accuracy", Double.NaN) >= 0.99;
  }

  @Override
  public String describe() {
    return String.format(Locale.ROOT, "offset tagging: tag = the token %d %s (boundary tag past the ends), %d token "
        + "values, lengths %d..%d, repeat probability %s (seed 000, 7.2.3)", config.offset(),
        config.direction(), config.vocabulary(), config.minLength(), config.maxLength(), config.stay());
  }
}
