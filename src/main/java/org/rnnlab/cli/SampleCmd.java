package org.rnnlab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnnlab.engine.Network;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.seq2seq.PairBatch;
import org.rnnlab.engine.seq2seq.Seq2Seq;
import org.rnnlab.generate.BeamSearch;
import org.rnnlab.generate.Generated;
import org.rnnlab.generate.Sampler;
import org.rnnlab.generate.StepFunction;
import org.rnnlab.generate.StepFunctions;
import org.rnnlab.generate.SequenceScorer;
import org.rnnlab.model.EncoderDecoderModel;
import org.rnnlab.model.ModelShape;
import org.rnnlab.model.SequenceModelConfig;
import org.rnnlab.procedure.Trial;
import org.rnnlab.procedure.TrialConfig;
import org.rnnlab.results.ModelFile;
import org.rnnlab.results.PlanRecord;
import org.rnnlab.results.ResultsStore;
import org.rnnlab.results.TrialResult;
import org.rnnlab.run.Plans;
import org.rnnlab.run.RunEnvironment;
import org.rnnlab.spec.ExperimentPlan;
import org.rnnlab.spec.Registries;
import org.rnnlab.task.PairTask;
import org.rnnlab.task.SequenceTask;
import org.rnnlab.task.TokenCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Generates text from a trial's stored language model (seed 000, 7.2.1.1): samples at a
 * temperature (0: greedy) with the project's own random stream, so the same arguments print the
 * same text on every machine, or runs beam search and prints the best sequence with its summed
 * log-probability (not length-normalised). Writes nothing.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Generate text from a trial's stored language model (sample, temperature 0: greedy, or beam "
        + "search), or decode --input with a stored encoder-decoder. Writes nothing.")
final class SampleCmd implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "Experiment name or spec path.")
  String name;

  @Parameters(index = "1", paramLabel = "TRIAL", description = "The trial's id (see `rnnlab status NAME --all`) or "
      + "its index in the plan.")
  String trial;

  @Option(names = "--profile", description = "A profile of the spec, e.g. ci.")
  String profile;

  @Option(names = "--length", paramLabel = "N", description = "Tokens to generate after the prime (a language "
      + "model: required; an encoder-decoder: the most symbols before its end symbol, an output without one being cut "
      + "there; default the task's longest target or twice the input's length, whichever is more).")
  Integer length;

  @Option(names = "--input", paramLabel = "TEXT", description = "An encoder-decoder's source, e.g. a word for "
      + "g2p_cmudict or 535+61 for addition: the model decodes it (greedy, --beam B, or sampled at --temperature).")
  String input;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature: softmax(logits / T); "
      + "0 is greedy decoding (default 1).")
  Double temperature;

  @Option(names = "--prime", paramLabel = "TEXT", description = "Text the model reads first (default: the task's "
      + "start symbol, if it has one).")
  String prime;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of the sampling stream "
      + "(default 0).")
  long seed;

  @Option(names = "--beam", paramLabel = "B", description = "Beam search with B prefixes instead of sampling; prints "
      + "the best sequence and its log-probability.")
  Integer beam;

  @Override
  public Integer call() throws IOException {
    checkArguments();
    StoredModel stored = StoredModel.load(name, profile, trial, "sample from");
    Trial tr = stored.trial();
    TrialConfig config = tr.config();
    String id = stored.id();
    if (tr.task() instanceof PairTask pairs) {
      return decode(stored, pairs);
    }
    if (input != null) {
      throw new Main.UsageError("trial " + id + ": --input is for an encoder-decoder's source; a language model "
          + "reads --prime");
    }
    if (length == null) {
      throw new Main.UsageError("--length is needed: how many tokens to generate after the prime");
    }
    SequenceTask task = tr.task(SequenceTask.class);
    TokenCodec codec = task.codec().orElseThrow(() -> new Main.UsageError("trial " + id + ": the task "
        + taskType(config) + " has no token vocabulary; only a language-model task can be sampled"));
    if (!(config.model() instanceof SequenceModelConfig mc)) {
      throw new Main.UsageError("trial " + id + ": its model is not a recurrent stack trained by gradient; "
          + "it cannot generate");
    }
    int[] primeIds = primeIds(codec);
    Path file = stored.file();
    StepFunction<?> f;
    try {
      Network model = mc.network(ModelShape.of(task), tr.rng().child("init"));
      model.loadStateDict(stored.model().stateDict(), "the stored model");
      model.setTraining(false);
      f = StepFunctions.of(model); // the model's own precision: a float32 model samples in float32
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(file + ": " + e.getMessage());
    }
    if (f.vocabulary() != codec.size()) {
      throw new Main.UsageError(file + ": the model has " + f.vocabulary() + " tokens, the task's vocabulary "
          + codec.size());
    }
    if (beam != null) {
      Generated g = new BeamSearch<>(f, beam).search(primeIds, length, -1);
      Main.OUT.println(text(codec, g));
      Main.OUT.printf(Locale.ROOT, "log-probability: %.6f (natural log, summed over %d tokens, not length-normalised)%n",
          g.logProb(), g.tokens().length);
    } else {
      double temp = temperature == null ? 1.0 : temperature;
      Generated g = new Sampler<>(f).sample(primeIds, length, temp, -1, Rng.of(seed).child("sample"));
      Main.OUT.println(text(codec, g));
    }
    return 0;
  }

  /**
   * An encoder-decoder's output for {@code --input}: greedy (as training decodes), beam search, or sampled,
   * ending at the end symbol or cut after --length symbols; printed with its log-probability, end symbol included.
   */
  private int decode(StoredModel stored, PairTask task) {
    String id = stored.id();
    if (input == null) {
      throw new Main.UsageError("trial " + id + ": its model is an encoder-decoder: give --input, the source to decode");
    }
    if (prime != null) {
      throw new Main.UsageError("--prime is for a language model; an encoder-decoder decodes --input");
    }
    int[] source;
    try {
      source = task.sourceCodec().encode(input);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError("--input: " + e.getMessage());
    }
    if (source.length == 0) {
      throw new Main.UsageError("--input is empty: give a source to decode");
    }
    // default: the task's longest target, or twice the input for an input longer than the task's sources
    int max = length != null ? length : Math.max(task.longestTarget() - 1, 2 * source.length);
    if (max < 1) {
      throw new Main.UsageError("--length must be >= 1 for an encoder-decoder, got " + max);
    }
    Seq2Seq model;
    try {
      model = stored.trial().config().model(EncoderDecoderModel.class).network(task, stored.trial().rng().child("init"),
          null, null);
      model.state().loadStateDict(stored.model().stateDict(), "the stored model");
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError(stored.file() + ": " + e.getMessage());
    }
    model.setTraining(false);
    int[] start = {PairBatch.START};
    int[] t;
    double logProb = Double.NaN;
    if (temperature == null && beam == null) {
      // training's greedy decoding, not a beam of one: that one can return an earlier end that scores higher
      t = model.greedyDecode(source, new int[] {source.length}, max + 1)[0];
    } else {
      StepFunction<?> f = StepFunctions.of(model, source);
      Generated g = temperature != null
          ? new Sampler<>(f).sample(start, max + 1, temperature, PairBatch.END, Rng.of(seed).child("sample"))
          : new BeamSearch<>(f, beam).search(start, max + 1, PairBatch.END);
      t = g.tokens();
      logProb = g.logProb();
    }
    boolean ended = t.length > 0 && t[t.length - 1] == PairBatch.END;
    if (!ended && t.length > max) {
      t = Arrays.copyOf(t, max); // room was left for the end symbol only: at most max symbols without it
      logProb = Double.NaN;
    }
    if (Double.isNaN(logProb)) {
      logProb = new SequenceScorer<>(StepFunctions.of(model, source)).logProb(start, t);
    }
    Main.OUT.println(task.targetCodec().decode(ended ? Arrays.copyOf(t, t.length - 1) : t));
    Main.OUT.printf(Locale.ROOT, "log-probability: %.6f (natural log, summed over %d tokens%s, not length-normalised)%n",
        logProb, t.length, ended ? " with the end symbol" : "; no end symbol within --length");
    return 0;
  }

  /** The arguments that need no file, checked before any is read. */
  private void checkArguments() {
    if (length != null && length < 0) {
      throw new Main.UsageError("--length must be >= 0, got " + length);
    }
    if (temperature != null && !(temperature >= 0.0 && Double.isFinite(temperature))) {
      throw new Main.UsageError("--temperature must be a finite number >= 0 (0: greedy), got " + temperature);
    }
    if (beam != null && beam < 1) {
      throw new Main.UsageError("--beam must be >= 1, got " + beam);
    }
    if (beam != null && temperature != null) {
      throw new Main.UsageError("--beam and --temperature exclude each other: beam search does not sample");
    }
  }

  private int[] primeIds(TokenCodec codec) {
    if (prime == null || prime.isEmpty()) {
      if (codec.start().isEmpty()) {
        throw new Main.UsageError("--prime is needed: the task has no start symbol, and the model predicts each "
            + "token from those before it");
      }
      return new int[] {codec.start().getAsInt()};
    }
    try {
      return codec.encode(prime);
    } catch (IllegalArgumentException e) {
      throw new Main.UsageError("--prime: " + e.getMessage());
    }
  }

  /** The prime as given, then the generated text. */
  private String text(TokenCodec codec, Generated g) {
    return (prime == null ? "" : prime) + codec.decode(g.tokens());
  }

  private static String taskType(TrialConfig config) {
    for (Map.Entry<String, ? extends Class<?>> e : Registries.TASKS.types().entrySet()) {
      if (e.getValue() == config.task().getClass()) {
        return e.getKey();
      }
    }
    return config.task().getClass().getSimpleName();
  }
}
