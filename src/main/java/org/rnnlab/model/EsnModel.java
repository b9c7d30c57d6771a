package org.rnnlab.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.init.SparseDraw;
import org.rnnlab.engine.init.SparseSpectralInit;
import org.rnnlab.engine.linalg.SparseMatrix;
import org.rnnlab.engine.reservoir.Reservoir;
import org.rnnlab.task.TaskConfig;

/**
 * {@code "model": {"type": "esn", "hidden_size": N, ...}}: an echo-state network (in rnnlab 0.2 the
 * cell {@code {"type": "esn"}} of a recurrent model): how to draw a reservoir of N units and how its readout
 * sees it (seed 000, 7.4; Lukosevicius 2012, section 3.2). A reservoir is fixed, not trained by
 * gradient: the {@code ridge} procedure fits its readout in closed form. Defaults are reservoirpy's
 * ({@code Reservoir(units)}), so its published configurations carry over key for key: spectral radius
 * {@code sr}, leak rate {@code lr}, {@code input_scaling}, {@code rc_connectivity} (our
 * {@code density}), {@code input_connectivity}, {@code input_to_readout}.
 *
 * <p>Random streams: group g's recurrent block from {@code rng.child("recurrent").child(g)},
 * input weights from {@code rng.child("input")}, biases from {@code rng.child("bias")}, feedback
 * weights from {@code rng.child("feedback")}; changing one part never moves another's numbers.
 */
public record EsnModel(
    @Hyper(doc = "Units of the reservoir.", min = 1) Integer hiddenSize,
    @Hyper(doc = "Spectral radius the recurrent matrix (each group's block) is rescaled to; below 1 for the "
        + "echo-state property with tanh, 0.8-1.3 typical.", min = 0, defaultValue = "1.0") Double spectralRadius,
    @Hyper(doc = "Fraction of non-zero recurrent weights (reservoirpy's rc_connectivity); ignored when "
        + "inputs_per_unit is given.", min = 0, exclusiveMin = true, max = 1, defaultValue = "0.1") Double density,
    @OptionalKey @Hyper(doc = "Non-zero recurrent weights per unit instead of a density (Jaeger 2001: about 10; "
        + "Sutskever et al. 2013: 15); absent: density decides.", min = 1) Integer inputsPerUnit,
    @Hyper(doc = "Distribution of the recurrent non-zeros before rescaling.", defaultValue = "\"normal\"",
        allowed = {"normal", "uniform"}) String recurrentWeights,
    @Hyper(doc = "Input scaling beta: input weights are beta times the drawn values (seed 000, 7.4).", min = 0,
        defaultValue = "1.0") Double inputScaling,
    @Hyper(doc = "Fraction of non-zero input weights (reservoirpy's input_connectivity).", min = 0,
        exclusiveMin = true, max = 1, defaultValue = "0.1") Double inputConnectivity,
    @Hyper(doc = "Distribution of the input non-zeros: bernoulli (+-1, reservoirpy), uniform [-1, 1) "
        + "(Lukosevicius 2012) or normal.", defaultValue = "\"bernoulli\"",
        allowed = {"bernoulli", "uniform", "normal"}) String inputWeights,
    @Hyper(doc = "Leak rate a in (0, 1]: x_t = (1-a) x_{t-1} + a f(...); 1 is no leak.", min = 0,
        exclusiveMin = true, max = 1, defaultValue = "1.0") Double leakRate,
    @Hyper(doc = "Biases drawn uniform in [-s, s); 0 for none (reservoirpy's default).", min = 0,
        defaultValue = "0.0") Double biasScaling,
    @Hyper(doc = "Output-feedback weights drawn uniform in [-s, s), dense; used only with output_feedback.",
        min = 0, defaultValue = "1.0") Double feedbackScaling,
    @Hyper(doc = "Split the units into this many disconnected groups, each its own block rescaled to the "
        + "spectral radius: an ensemble of smaller reservoirs (seed 000, 7.4); at most hidden_size.", min = 1,
        defaultValue = "1") Integer groups,
    @Hyper(doc = "Units' nonlinearity.", defaultValue = "\"tanh\"", allowed = {"tanh", "identity"})
    String activation,
    @Hyper(doc = "The readout reads the input beside the state, [u_t, x_t] (reservoirpy's input_to_readout).",
        defaultValue = "false") Boolean inputToReadout,
    @Hyper(doc = "Feed the output back into the reservoir, W_fb y_{t-1}: the desired output while fitting and "
        + "teacher-forced evaluation, the network's own when running free (one-step-ahead series only).",
        defaultValue = "false") Boolean outputFeedback,
    @OptionalKey @Hyper(doc = "Arithmetic of the reservoir: float64 (the reference; absent means float64) or "
        + "float32 (the generated float32 reservoir, bit-reproducible; the readout is fitted and applied in double "
        + "over its states, widened exactly, since the ridge's normal equations would lose half of float's digits "
        + "to their condition number).", allowed = {"float64", "float32"}) String precision)
    implements ModelConfig {
  /** This model's type name, as registered and written in its canonical config. */
  public static final String TYPE = "esn";

  /** A float64 model (the settings before precision existed). */
  public EsnModel(Integer hiddenSize, Double spectralRadius, Double density, Integer inputsPerUnit,
                  String recurrentWeights, Double inputScaling, Double inputConnectivity, String inputWeights,
                  Double leakRate, Double biasScaling, Double feedbackScaling, Integer groups, String activation,
                  Boolean inputToReadout, Boolean outputFeedback) {
    this(hiddenSize, spectralRadius, density, inputsPerUnit, recurrentWeights, inputScaling, inputConnectivity,
        inputWeights, leakRate, biasScaling, feedbackScaling, groups, activation, inputToReadout, outputFeedback, null);
  }

  public EsnModel {
    if (hiddenSize == null) {
      throw new IllegalArgumentException("an esn model needs hidden_size");
    }
    if (hiddenSize < 1) {
      throw new IllegalArgumentException("hidden_size must be at least 1, got " + hiddenSize);
    }
    spectralRadius = spectralRadius == null ? 1.0 : spectralRadius;
    density = density == null ? 0.1 : density;
    recurrentWeights = recurrentWeights == null ? "normal" : recurrentWeights;
    inputScaling = inputScaling == null ? 1.0 : inputScaling;
    inputConnectivity = inputConnectivity == null ? 0.1 : inputConnectivity;
    inputWeights = inputWeights == null ? "bernoulli" : inputWeights;
    leakRate = leakRate == null ? 1.0 : leakRate;
    biasScaling = biasScaling == null ? 0.0 : biasScaling;
    feedbackScaling = feedbackScaling == null ? 1.0 : feedbackScaling;
    groups = groups == null ? 1 : groups;
    activation = activation == null ? "tanh" : activation;
    inputToReadout = inputToReadout != null && inputToReadout;
    outputFeedback = outputFeedback != null && outputFeedback;
    if (!(spectralRadius >= 0.0)) {
      throw new IllegalArgumentException("spectral_radius must be >= 0, got " + spectralRadius);
    }
    if (!(density > 0.0 && density <= 1.0)) {
      throw new IllegalArgumentException("density must be in (0, 1], got " + density);
    }
    if (inputsPerUnit != null && inputsPerUnit < 1) {
      throw new IllegalArgumentException("inputs_per_unit must be at least 1, got " + inputsPerUnit);
    }
    if (!(inputConnectivity > 0.0 && inputConnectivity <= 1.0)) {
      throw new IllegalArgumentException("input_connectivity must be in (0, 1], got " + inputConnectivity);
    }
    if (!(leakRate > 0.0 && leakRate <= 1.0)) {
      throw new IllegalArgumentException("leak_rate must be in (0, 1], got " + leakRate);
    }
    if (groups < 1) {
      throw new IllegalArgumentException("groups must be at least 1, got " + groups);
    }
    values(recurrentWeights, "recurrent_weights");
    values(inputWeights, "input_weights");
    activationKind(activation);
    // float64 is left out of the resolved config: trials planned before precision existed keep their hashes
    precision = Precision.of(precision) == Precision.FLOAT64 ? null : precision;
  }

  /** The arithmetic of the reservoir. */
  @Override
  public Precision arithmetic() {
    return Precision.of(precision);
  }

  /**
   * {@code units} units, spectral radius and leak rate, everything else at its default (reservoirpy's
   * README configuration for Mackey-Glass is {@code of(100, 1.25, 0.3)}).
   */
  public static EsnModel of(int units, double spectralRadius, double leakRate) {
    return new EsnModel(units, spectralRadius, null, null, null, null, null, null, leakRate, null, null, null,
        null, null, null);
  }

  /** The type id, written into the canonical config (the model's "type" is an existing property). */
  @JsonProperty("type")
  public String type() {
    return TYPE;
  }

  /**
   * Groups that each keep a unit, recurrent fan-in within a group, and real-valued inputs: what the
   * constructor cannot see alone (drawing would cap the fan-in silently, or fail).
   */
  @Override
  public List<ModelProblem> check(TaskConfig task) {
    List<ModelProblem> out = new ArrayList<>();
    if (groups > hiddenSize) {
      out.add(new ModelProblem("/groups", "groups " + groups + " is more than hidden_size " + hiddenSize
          + ": every group needs at least one unit"));
    } else if (inputsPerUnit != null && inputsPerUnit > hiddenSize / groups) {
      int smallest = hiddenSize / groups;
      out.add(new ModelProblem("/inputs_per_unit", "inputs_per_unit " + inputsPerUnit + " is more than the "
          + smallest + " units a unit can read" + (groups > 1 ? " in the smallest of the " + groups + " groups" : "")
          + " (hidden_size " + hiddenSize + "): give at most " + smallest));
    }
    if (task.tokenInputs()) {
      out.add(new ModelProblem("", "a reservoir reads real-valued inputs; the task's inputs are token ids"));
    }
    return out;
  }

  private static SparseDraw.Values values(String name, String key) {
    switch (name) {
      case "normal":
        return SparseDraw.Values.NORMAL;
      case "uniform":
        return SparseDraw.Values.UNIFORM;
      case "bernoulli":
        if (key.equals("input_weights")) {
          return SparseDraw.Values.BERNOULLI;
        }
        break;
      default:
        break;
    }
    throw new IllegalArgumentException(key + " \"" + name + "\" is not one of the allowed values");
  }

  private static Reservoir.Activation activationKind(String activation) {
    switch (activation) {
      case "tanh":
        return Reservoir.Activation.TANH;
      case "identity":
        return Reservoir.Activation.IDENTITY;
      default:
        throw new IllegalArgumentException("activation \"" + activation + "\" is not tanh or identity");
    }
  }

  /** Sizes of the groups of the units: as equal as possible, the first {@code hidden_size % groups} one larger. */
  public int[] groupSizes() {
    int units = hiddenSize;
    if (groups > units) {
      throw new IllegalArgumentException("groups must be in 1.." + units + ", got " + groups);
    }
    int[] s = new int[groups];
    for (int g = 0; g < groups; g++) {
      s[g] = units / groups + (g < units % groups ? 1 : 0);
    }
    return s;
  }

  /**
   * Draws a reservoir of {@code hidden_size} units for {@code inputSize} inputs and {@code feedbackSize}
   * fed-back outputs (0: none). Each group's block is drawn sparse and rescaled to the spectral radius on its own
   * (a block of radius 0, e.g. with no non-zeros, is kept as it is).
   */
  public Reservoir draw(int inputSize, int feedbackSize, Rng rng) {
    int units = hiddenSize;
    int[] sizes = groupSizes();
    double[][] blocks = new double[groups][];
    Rng rec = rng.child("recurrent");
    SparseDraw.Values rv = values(recurrentWeights, "recurrent_weights");
    for (int g = 0; g < groups; g++) {
      int m = sizes[g];
      double[] b = new double[m * m];
      if (inputsPerUnit != null) {
        SparseDraw.fixedFanIn(b, 0, m, inputsPerUnit, rv, rec.child(g));
      } else {
        SparseDraw.density(b, 0, m, m, density, rv, rec.child(g));
      }
      SparseSpectralInit.rescale(b, 0, m, spectralRadius);
      blocks[g] = b;
    }
    double[] win = new double[units * inputSize];
    SparseDraw.density(win, 0, units, inputSize, inputConnectivity, values(inputWeights, "input_weights"),
        rng.child("input"));
    scale(win, inputScaling);
    double[] bias = new double[units];
    if (biasScaling > 0.0) {
      SparseDraw.density(bias, 0, units, 1, 1.0, SparseDraw.Values.UNIFORM, rng.child("bias"));
      scale(bias, biasScaling);
    }
    double[] wfb = null;
    if (feedbackSize > 0) {
      wfb = new double[units * feedbackSize];
      SparseDraw.density(wfb, 0, units, feedbackSize, 1.0, SparseDraw.Values.UNIFORM, rng.child("feedback"));
      scale(wfb, feedbackScaling);
    }
    return new Reservoir(SparseMatrix.blockDiagonal(blocks, sizes), win, inputSize, wfb, feedbackSize, bias,
        leakRate, activationKind(activation));
  }

  private static void scale(double[] v, double s) {
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
  }
}
