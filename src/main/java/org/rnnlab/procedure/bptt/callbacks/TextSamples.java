package org.rnnlab.procedure.bptt.callbacks;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.Network;
import org.rnnlab.generate.BeamSearch;
import org.rnnlab.generate.Generated;
import org.rnnlab.generate.StepFunction;
import org.rnnlab.generate.StepFunctions;
import org.rnnlab.generate.Sampler;
import org.rnnlab.procedure.ConfigProblem;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.bptt.CallbackConfig;
import org.rnnlab.procedure.bptt.FinalState;
import org.rnnlab.procedure.bptt.TrainingCallback;
import org.rnnlab.procedure.bptt.TrainingRun;
import org.rnnlab.results.MeasureName;
import org.rnnlab.results.Measures;
import org.rnnlab.task.TokenCodec;

/**
 * {@code "samples": {"at": [0.01, 0.1, 1.0], "prime": "The ", "temperatures": [0.5, 1.0], "beams": [1, 5]}}:
 * what a language model writes as it learns (seed 000, 7.2.1.1; Karpathy's Shakespeare after 5 and 50
 * passes), as texts of the trial: a sample after each fraction {@code at} of the updates, always from the
 * same prime, temperature and seed; from the final model one sample per temperature, scored by the
 * model itself (series {@code samples.bits_per_token}, with their distinct 4-grams as a measure of
 * diversity), and the best continuation of beam search per width (summed log-probability, not
 * length-normalised). Each sample equals {@code rnnlab sample} with the same prime, temperature and
 * {@code --seed}. Observes only: generation reads the weights, in evaluation mode, and draws from its
 * own stream.
 */
public record TextSamples(
    @Hyper(doc = "Fractions of the updates after which to sample (0: the untrained model, 1: the last update).",
        defaultValue = "[0.01, 0.1, 1.0]") List<Double> at,
    @Hyper(doc = "Tokens (characters) per sample.", min = 1, defaultValue = "300") Integer length,
    @OptionalKey @Hyper(doc = "The text the model reads first; absent: the task's start symbol.") String prime,
    @Hyper(doc = "The temperature of the samples during training (0: greedy).", min = 0, defaultValue = "0.8")
    Double temperature,
    @Hyper(doc = "The seed of the sampling stream (as rnnlab sample --seed).", defaultValue = "0") Long seed,
    @Hyper(doc = "Temperatures at which the final model is sampled and its samples scored.", defaultValue = "[]")
    List<Double> temperatures,
    @Hyper(doc = "Tokens per scored sample (longer: a steadier bits per token).", min = 1, defaultValue = "2000")
    Integer scoredLength,
    @Hyper(doc = "Beam widths of beam search from the final model.", defaultValue = "[]") List<Integer> beams,
    @Hyper(doc = "Tokens per beam search.", min = 1, defaultValue = "100") Integer beamLength)
    implements CallbackConfig {
  /** Text names in texts.json. */
  public static final String DURING_TRAINING = "sample";
  public static final String AT_TEMPERATURE = "temperature";
  public static final String BEAM = "beam";

  public TextSamples {
    at = at == null ? List.of(0.01, 0.1, 1.0) : List.copyOf(at);
    length = length == null ? 300 : length;
    temperature = temperature == null ? 0.8 : temperature;
    seed = seed == null ? 0L : seed;
    temperatures = temperatures == null ? List.of() : List.copyOf(temperatures);
    scoredLength = scoredLength == null ? 2000 : scoredLength;
    beams = beams == null ? List.of() : List.copyOf(beams);
    beamLength = beamLength == null ? 100 : beamLength;
    for (Double f : at) {
      if (f == null || !(f >= 0.0 && f <= 1.0)) {
        throw new IllegalArgumentException("at: every fraction must be in [0, 1], got " + f);
      }
    }
    checkTemperature(temperature, "temperature");
    for (Double t : temperatures) {
      checkTemperature(t, "temperatures");
    }
    for (Integer b : beams) {
      if (b == null || b < 1) {
        throw new IllegalArgumentException("beams: every beam width must be >= 1, got " + b);
      }
    }
    if (length < 1 || scoredLength < 1 || beamLength < 1) {
      throw new IllegalArgumentException("length, scored_length and beam_length must be >= 1");
    }
  }

  private static void checkTemperature(Double t, String key) {
    if (t == null || !(t >= 0.0) || Double.isInfinite(t)) {
      throw new IllegalArgumentException(key + ": a temperature must be a finite number >= 0 (0: greedy), got " + t);
    }
  }

  @Override
  public boolean observesOnly() {
    return true;
  }

  @Override
  public List<MeasureName> series(TrialConfig config, BpttTraining training) {
    return temperatures.isEmpty() ? List.of() : List.of(MeasureName.exact(Measures.SAMPLES_TEMPERATURE),
        MeasureName.exact(Measures.SAMPLES_BITS), MeasureName.exact(Measures.SAMPLES_DISTINCT));
  }

  @Override
  public List<ConfigProblem> check(TrialConfig config, BpttTraining training, String pointer) {
    if (!config.task().generates()) {
      return List.of(new ConfigProblem(pointer, "samples need a task whose model generates text (a language "
          + "model); this task's model does not"));
    }
    return List.of();
  }

  /** The updates after which to sample: each fraction of {@code steps}, rounded, at least 1 unless the fraction is 0. */
  public Set<Long> steps(long steps) {
    Set<Long> out = new TreeSet<>();
    for (double f : at) {
      out.add(f == 0.0 ? 0L : Math.max(1L, Math.round(f * steps)));
    }
    return out;
  }

  @Override
  public TrainingCallback create(TrainingRun run) {
    TokenCodec codec = run.task().codec().orElseThrow(
        () -> new IllegalArgumentException("samples: the task has no token vocabulary"));
    int[] primeIds = primeIds(codec);
    Set<Long> when = new HashSet<>(steps(run.training().steps()));
    Network model = run.network();
    return new TrainingCallback() {
      @Override
      public void endOfStep(long step) {
        if (when.contains(step)) {
          Generated g = evaluating(model, () -> new Sampler<>(StepFunctions.of(model))
              .sample(primeIds, length, temperature, -1, stream()));
          Map<String, Double> values = new LinkedHashMap<>();
          values.put("fraction", (double) step / run.training().steps());
          values.put("temperature", temperature);
          run.recorder().text(DURING_TRAINING, step, values, text(codec, g));
        }
      }

      @Override
      public void atEnd(FinalState state, Recorder recorder) {
        if (temperatures.isEmpty() && beams.isEmpty()) {
          return;
        }
        evaluating(model, () -> {
          StepFunction<?> f = StepFunctions.of(model);
          double[] bits = new double[temperatures.size()];
          double[] distinct = new double[temperatures.size()];
          for (int i = 0; i < temperatures.size(); i++) {
            Generated g = new Sampler<>(f).sample(primeIds, scoredLength, temperatures.get(i), -1, stream());
            bits[i] = -g.logProb() / (g.tokens().length * Math.log(2.0));
            distinct[i] = distinct4grams(g.tokens());
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("temperature", temperatures.get(i));
            values.put("bits_per_token", bits[i]);
            values.put("distinct_4grams", distinct[i]);
            recorder.text(AT_TEMPERATURE, state.lastStep(), values, text(codec, g));
          }
          if (!temperatures.isEmpty()) {
            recorder.series(Measures.SAMPLES_TEMPERATURE, state.lastStep(),
                temperatures.stream().mapToDouble(Double::doubleValue).toArray());
            recorder.series(Measures.SAMPLES_BITS, state.lastStep(), bits);
            recorder.series(Measures.SAMPLES_DISTINCT, state.lastStep(), distinct);
          }
          for (int b : beams) {
            Generated g = new BeamSearch<>(f, b).search(primeIds, beamLength, -1);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("beam", (double) b);
            values.put("log_probability", g.logProb());
            recorder.text(BEAM, state.lastStep(), values, text(codec, g));
          }
          return null;
        });
      }
    };
  }

  /** The sampling stream: the same as {@code rnnlab sample --seed}, so that a sample can be made again. */
  private Rng stream() {
    return Rng.of(seed).child("sample");
  }

  private int[] primeIds(TokenCodec codec) {
    if (prime == null || prime.isEmpty()) {
      return new int[] {codec.start().orElseThrow(() -> new IllegalArgumentException(
          "samples: the task has no start symbol: give a prime"))};
    }
    try {
      return codec.encode(prime);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("samples.prime: " + e.getMessage(), e);
    }
  }

  private String text(TokenCodec codec, Generated g) {
    return (prime == null ? "" : prime) + codec.decode(g.tokens());
  }

  /** Distinct 4-grams over all 4-grams of {@code tokens} (1 for fewer than 4 tokens). */
  static double distinct4grams(int[] tokens) {
    if (tokens.length < 4) {
      return 1.0;
    }
    Set<List<Integer>> seen = new HashSet<>();
    for (int i = 0; i + 4 <= tokens.length; i++) {
      seen.add(List.of(tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]));
    }
    return (double) seen.size() / (tokens.length - 3);
  }

  /** Runs {@code body} with the model in evaluation mode, restoring training mode after. */
  private static <T> T evaluating(Network model, java.util.function.Supplier<T> body) {
    boolean was = model.training();
    model.setTraining(false);
    try {
      return body.get();
    } finally {
      model.setTraining(was);
    }
  }
}
