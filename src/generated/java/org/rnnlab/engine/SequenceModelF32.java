// Generated from src/main/java/org/rnnlab/engine/SequenceModel.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change SequenceModel.java and run `make generate`.
package org.rnnlab.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.rnnlab.engine.cell.CellConfigF32;
import org.rnnlab.engine.cell.CompositeStepGradientHookF32;
import org.rnnlab.engine.cell.RecurrentLayerF32;
import org.rnnlab.engine.cell.StepGradientHookF32;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.layer.BidirectionalLayerF32;
import org.rnnlab.engine.layer.DenseInputF32;
import org.rnnlab.engine.layer.EmbeddingInputF32;
import org.rnnlab.engine.layer.InputLayerF32;
import org.rnnlab.engine.layer.LinearReadoutF32;
import org.rnnlab.engine.layer.SequenceLayerF32;
import org.rnnlab.engine.layer.UnidirectionalLayerF32;
import org.rnnlab.engine.loss.LossF32;
import org.rnnlab.engine.norm.NormalizationF32;
import org.rnnlab.engine.state.StateFormatException;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/**
 * A model composed of layers: an input layer (real features, or embedded token ids), a stack of
 * recurrent layers, each uni- or bidirectional (seed 000, 7.2.3-7.2.4: layer k reads layer k-1's
 * outputs), a linear readout at every step or at each sequence's last step (seed 000, fig. 7.3),
 * and a loss. Build one with {@link #builder()}. {@link #forwardBackward} runs BPTT over a span of
 * steps from a given state, which is all that full and truncated BPTT (seed 000, 7.2.2) need;
 * a model with a bidirectional layer takes whole sequences only. Buffers are kept between calls
 * of the same shape, so training allocates nothing per step.
 */
public final class SequenceModelF32 {
  private final ParamsF32 params;
  private final InputLayerF32 input;
  private final List<SequenceLayerF32> layers;
  private final LinearReadoutF32 readout;
  private final LossF32 loss;
  private final boolean bidirectional;
  private final int innerWidth;      // widest input of layers 1.. (the dL/dx ping-pong buffers)
  private boolean inputGradient;
  private final List<StepGradientHookF32> hooks = new ArrayList<>();
  private boolean training = true;

  private float[] out = new float[0];
  private float[] dOut = new float[0];
  private double[] weights = new double[0];  // the loss's (double in the float32 twin too)
  private float[] dTop = new float[0];
  /** {@link #loss}'s weights and softmax gradient, kept so that measuring a long text segment by segment allocates once. */
  private double[] lossWeights = new double[0];
  private float[] lossScratch = new float[0];
  private float[] dxA = new float[0];
  private float[] dxB = new float[0];
  private float[] dIn = new float[0];
  private float[] dx = new float[0];
  private State lastState;
  private int lastSteps;
  private int lastBatch;
  private final float[] stateNoiseSd;  // per layer: sd of the noise in h_0 of training-mode passes
  private final boolean anyStateNoise;
  private Rng stateNoise = Rng.of(0).child("state_noise");
  private State noisyState;
  private Batch[] stepBatches = new Batch[0];  // by rows: one step's input, reused by stepInto
  // With assertions on (tests): the values as of the last step's version, to catch a write that
  // bypassed Params.values()/markChanged() and would leave the layers' packed weights stale.
  private static final boolean CHECK_STALE = assertionsEnabled();
  private float[] stepValuesSeen;
  private long stepValuesVersion = -1;

  /** The recurrent state of every layer: {@code [layer][part][batch x hidden]}. */
  public record State(float[][][] parts) {
    /** A deep copy. */
    public State copy() {
      float[][][] c = new float[parts.length][][];
      for (int i = 0; i < parts.length; i++) {
        c[i] = new float[parts[i].length][];
        for (int k = 0; k < parts[i].length; k++) {
          c[i][k] = parts[i][k].clone();
        }
      }
      return new State(c);
    }
  }

  /**
   * The plain stack: real inputs, {@code numLayers} unidirectional layers of one cell, a linear
   * readout. Same parameters, names and numbers as {@code builder().input(inputSize)
   * .layers(cell, hiddenSize, numLayers).readout(outputs, readout).loss(loss).build()}.
   *
   * @param outputs regression outputs or number of classes
   */
  public SequenceModelF32(CellConfigF32 cell, int inputSize, int hiddenSize, int numLayers, int outputs,
                       ReadoutMode readout, LossF32 loss) {
    this(builder().input(inputSize).layers(cell, hiddenSize, numLayers).readout(outputs, readout).loss(loss));
  }

  private SequenceModelF32(Builder spec) {
    if (spec.input == null || spec.layers.isEmpty() || spec.readoutMode == null || spec.loss == null) {
      throw new IllegalArgumentException("a model needs an input, at least one recurrent layer, a readout and a loss");
    }
    ParamsF32.Builder b = new ParamsF32.Builder();
    this.input = spec.input.create(b);
    List<SequenceLayerF32> stack = new ArrayList<>();
    int width = input.outputSize();
    int inner = 0;
    boolean bi = false;
    for (int k = 0; k < spec.layers.size(); k++) {
      LayerSpec l = spec.layers.get(k);
      if (k > 0) {
        inner = Math.max(inner, width);
      }
      SequenceLayerF32 layer = l.bidirectional
          ? new BidirectionalLayerF32(b, l.cell, k, width, l.hidden, l.merge)
          : new UnidirectionalLayerF32(b, l.cell, k, width, l.hidden);
      stack.add(layer);
      bi |= l.bidirectional;
      width = layer.outputSize();
    }
    this.layers = Collections.unmodifiableList(stack);
    this.readout = new LinearReadoutF32(b, width, spec.outputs, spec.readoutMode);
    this.params = b.build();
    this.loss = spec.loss;
    this.bidirectional = bi;
    this.innerWidth = inner;
    this.stateNoiseSd = new float[stack.size()];
    boolean noise = false;
    for (int k = 0; k < stack.size(); k++) {
      for (RecurrentLayerF32 d : stack.get(k).directions()) {
        if (d.initialStateNoise() > 0 && stack.get(k).bidirectional()) {
          throw new IllegalArgumentException("initial-state noise is for unidirectional layers only (layer " + k + ")");
        }
      }
      stateNoiseSd[k] = stack.get(k).directions().get(0).initialStateNoise();
      noise |= stateNoiseSd[k] > 0;
    }
    this.anyStateNoise = noise;
  }

  /**
   * The stream the initial-state noise of batch norm layers is drawn from (see
   * {@code RecurrentBatchNorm.Config#initialStateNoise}), in the order of the training-mode passes;
   * returns the previous one. Models without such noise never read it.
   */
  public Rng setStateNoise(Rng rng) {
    Rng old = stateNoise;
    stateNoise = rng;
    return old;
  }

  /** The stream the initial-state noise of training-mode passes is drawn from (see {@link #setStateNoise}). */
  public Rng stateNoise() {
    return stateNoise;
  }

  /**
   * Writes everything training changes in the model, as the group {@code model}: the parameter
   * values, the non-trainable buffers (batch norm's running statistics), whether each normalisation
   * site averages its statistics exactly (after a re-estimation), and the position of the
   * initial-state noise stream. Call it between updates, in training mode and with the training
   * noise stream installed (not inside a population-statistics pass). Gradients, hooks and the
   * training flag are not state: every update starts from a zero gradient.
   */
  public void saveState(StateWriter out) {
    out.begin("model");
    out.writeString("layout", layout());
    out.writeFloats("parameters", params.values());
    out.begin("buffers");
    for (ParamsF32.Buffer b : params.buffers()) {
      out.writeFloats(b.name(), b.values());
    }
    out.end();
    out.begin("averaging");
    for (NormalizationF32 n : sites()) {
      out.writeBoolean(n.name(), n.averaging());
    }
    out.end();
    stateNoise.save(out, "state_noise");
    out.end();
  }

  /**
   * Restores what {@link #saveState} wrote for a model of the same layout (the same parameter and
   * buffer names and shapes, else a {@link StateFormatException} naming the first difference);
   * nothing is changed unless all of it fits. The noise stream must be the one the saving model
   * had (same seed): a fresh model built from the same config has it.
   */
  public void restoreState(StateReader in) {
    in.begin("model");
    String saved = in.readString("layout");
    String mine = layout();
    if (!saved.equals(mine)) {
      throw new StateFormatException("model/layout: the state is of another model: " + firstDifference(saved, mine));
    }
    float[] values = in.readFloats("parameters", params.size());
    in.begin("buffers");
    float[][] buffers = new float[params.buffers().size()][];
    for (int k = 0; k < buffers.length; k++) {
      ParamsF32.Buffer b = params.buffers().get(k);
      buffers[k] = in.readFloats(b.name(), b.values().length);
    }
    in.end();
    in.begin("averaging");
    List<NormalizationF32> sites = sites();
    boolean[] averaging = new boolean[sites.size()];
    for (int k = 0; k < averaging.length; k++) {
      averaging[k] = in.readBoolean(sites.get(k).name());
    }
    in.end();
    Rng.Snapshot before = stateNoise.snapshot();
    stateNoise.restore(in, "state_noise"); // checks the stream; undone below if the group does not close
    try {
      in.end();
    } catch (RuntimeException e) {
      stateNoise.restore(before);
      throw e;
    }
    System.arraycopy(values, 0, params.values(), 0, values.length);
    for (int k = 0; k < buffers.length; k++) {
      float[] dst = params.buffers().get(k).values();
      System.arraycopy(buffers[k], 0, dst, 0, dst.length);
    }
    for (int k = 0; k < averaging.length; k++) {
      sites.get(k).restoreAveraging(averaging[k]);
    }
  }

  /** Every normalisation site, layer by layer, direction by direction. */
  private List<NormalizationF32> sites() {
    List<NormalizationF32> out = new ArrayList<>();
    for (SequenceLayerF32 l : layers) {
      for (RecurrentLayerF32 d : l.directions()) {
        out.addAll(d.normalizations());
      }
    }
    return out;
  }

  /** The parameters and buffers, with their shapes, one per line: what a saved state must match. */
  private String layout() {
    StringBuilder s = new StringBuilder();
    for (ParamsF32.Param p : params.list()) {
      s.append(p.name()).append(' ').append(p.rows()).append('x').append(p.cols()).append('\n');
    }
    for (ParamsF32.Buffer b : params.buffers()) {
      s.append(b.name()).append(' ').append(b.rows()).append('x').append(b.cols()).append(" buffer\n");
    }
    return s.toString();
  }

  private static String firstDifference(String saved, String mine) {
    String[] a = saved.split("\n");
    String[] b = mine.split("\n");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "nothing";
      String y = i < b.length ? b[i] : "nothing";
      if (!x.equals(y)) {
        return "entry " + (i + 1) + " is " + x + " in the state, " + y + " in this model";
      }
    }
    return "";
  }

  /** Starts declaring a model: input, recurrent layers bottom first, readout, loss. */
  public static Builder builder() {
    return new Builder();
  }

  /** Draws initial weights: input and readout weights from weightInit, recurrent from recurrentInit. */
  public void initialize(Initializer weightInit, Initializer recurrentInit, Rng rng) {
    float[] v = params.values();
    input.initialize(v, rng);
    for (SequenceLayerF32 l : layers) {
      l.initialize(v, weightInit, recurrentInit, rng);
    }
    initializeReadout(weightInit, rng);
  }

  /**
   * Draws the readout weight and bias from {@code init} (streams "readout.weight" and
   * "readout.bias" of rng, as {@link #initialize} does): after initialize, gives the readout an
   * initialiser of its own (Sutskever et al. 2013: W_out = 0.1 N(0,1)).
   */
  public void initializeReadout(Initializer init, Rng rng) {
    readout.initialize(params.values(), init, rng);
  }

  /**
   * Runs the stack over the whole batch from zero states and returns a copy of what the readout
   * reads: the top layer's outputs, {@code [steps][size][fanIn]} (every-step readout), or each
   * sequence's summary (last state, both directions for a bidirectional top), {@code [size][fanIn]}.
   * For fitting the readout in closed form (echo-state pretraining, seed 000, 7.4).
   */
  public float[] readoutInputs(Batch b) {
    int positions = forward(b, 0, b.steps(), null);
    SequenceLayerF32 top = layers.get(layers.size() - 1);
    int width = readout.fanIn();
    if (readout() == ReadoutMode.EVERY_STEP) {
      return Arrays.copyOfRange(top.output(), top.outputOffset(), top.outputOffset() + positions * width);
    }
    return Arrays.copyOfRange(top.summary(), top.summaryOffset(), top.summaryOffset() + positions * width);
  }

  /** All parameters and their gradient. */
  public ParamsF32 params() {
    return params;
  }

  /** The input layer. */
  public InputLayerF32 input() {
    return input;
  }

  /** The recurrent layers, bottom first. */
  public List<SequenceLayerF32> layers() {
    return layers;
  }

  /** The linear readout. */
  public LinearReadoutF32 linearReadout() {
    return readout;
  }

  /** Where the readout sits. */
  public ReadoutMode readout() {
    return readout.mode();
  }

  /** The loss. */
  public LossF32 loss() {
    return loss;
  }

  /** Outputs (regression) or classes. */
  public int outputs() {
    return readout.outputs();
  }

  /** Whether some layer is bidirectional: then only whole sequences can be trained (no truncated BPTT). */
  public boolean bidirectional() {
    return bidirectional;
  }

  /** Switches every layer to training (true, the default) or evaluation mode (false). */
  public void setTraining(boolean training) {
    this.training = training;
    for (SequenceLayerF32 l : layers) {
      l.setTraining(training);
    }
  }

  /**
   * Forgets batch norm's running statistics. With {@code exact}, the training-mode forward passes
   * that follow (e.g. {@link #predict} over training batches with the final weights) set each
   * step's statistics to the exact average of theirs, as Cooijmans et al. 2017 re-estimate the
   * population statistics before evaluating; else they follow the moving average again.
   */
  public void resetStatistics(boolean exact) {
    for (SequenceLayerF32 l : layers) {
      l.resetStatistics(exact);
    }
  }

  /** Whether the model is in training mode. */
  public boolean training() {
    return training;
  }

  /**
   * Adds a hook on dL/dh_t of every layer (per-timestep clipping, diagnostics). Hooks run in the
   * order they were added, each seeing the error as the previous one left it.
   */
  public void addStepGradientHook(StepGradientHookF32 hook) {
    hooks.add(Objects.requireNonNull(hook, "hook"));
    installHooks();
  }

  /** Removes a hook added by {@link #addStepGradientHook} (no-op if absent). */
  public void removeStepGradientHook(StepGradientHookF32 hook) {
    hooks.remove(hook);
    installHooks();
  }

  /** The installed hooks, in calling order (a copy). */
  public List<StepGradientHookF32> stepGradientHooks() {
    return List.copyOf(hooks);
  }

  /**
   * Replaces all hooks by {@code list} (in calling order; empty: none). Probes use it to run a
   * backward pass with only their own hook and then put the previous list back.
   */
  public void setStepGradientHooks(List<StepGradientHookF32> list) {
    List<StepGradientHookF32> copy = List.copyOf(list); // rejects nulls; safe if list is a view of ours
    hooks.clear();
    hooks.addAll(copy);
    installHooks();
  }

  /** No hook: the layers' plain path (null); one: itself; more: a composite that calls them in order. */
  private void installHooks() {
    StepGradientHookF32 h = hooks.isEmpty() ? null
        : hooks.size() == 1 ? hooks.get(0) : new CompositeStepGradientHookF32(hooks);
    for (SequenceLayerF32 l : layers) {
      l.setStepGradientHook(h);
    }
  }

  /** Whether {@link #forwardBackward} also computes dL/dx of the batch's real inputs (for gradient checks). */
  public void setInputGradient(boolean on) {
    this.inputGradient = on;
  }

  /** dL/dx of the last {@link #forwardBackward}, {@code steps x batch x inputSize} (if enabled). */
  public float[] inputGradient() {
    return dx;
  }

  /** A zero state for a batch of {@code batch} sequences. */
  public State zeroState(int batch) {
    float[][][] s = new float[layers.size()][][];
    for (int k = 0; k < s.length; k++) {
      SequenceLayerF32 l = layers.get(k);
      s[k] = new float[l.stateParts()][batch * l.stateWidth()];
    }
    return new State(s);
  }

  private void ensure(int steps, int batch) {
    int positions = readout() == ReadoutMode.EVERY_STEP ? steps * batch : batch;
    if (out.length < positions * outputs()) {
      out = new float[positions * outputs()];
      dOut = new float[positions * outputs()];
      weights = new double[positions];
    }
    int rows = steps * batch;
    if (dTop.length < positions * readout.fanIn()) {
      dTop = new float[positions * readout.fanIn()];
    }
    if (dxA.length < rows * innerWidth) {
      dxA = new float[rows * innerWidth];
      dxB = new float[rows * innerWidth];
    }
    if (!input.passthrough() && dIn.length < rows * input.outputSize()) {
      dIn = new float[rows * input.outputSize()];
    }
    if (inputGradient && dx.length < rows * input.features()) {
      dx = new float[rows * input.features()];
    }
    if (lastState == null || lastBatch != batch) {
      lastState = zeroState(batch);
    }
    lastSteps = steps;
    lastBatch = batch;
  }

  /**
   * Runs the stack over steps [t0, t0+steps) of the batch from {@code init} (null: zeros) and
   * computes the readout. Returns the number of readout positions.
   */
  private int forward(Batch b, int t0, int steps, State init) {
    input.check(b);
    if (bidirectional && (t0 != 0 || steps != b.steps())) {
      throw new IllegalArgumentException("a model with a bidirectional layer reads whole sequences; got steps "
          + t0 + ".." + (t0 + steps - 1) + " of " + b.steps() + " (truncated BPTT cannot train it)");
    }
    ensure(steps, b.size());
    if (init == null && t0 == 0 && training && anyStateNoise) {
      init = noisyInitialState(b.size());
    }
    float[] v = params.values();
    int[] lengths = b.uniformLength() ? null : b.lengths();
    input.forward(v, b, t0, steps);
    float[] in = input.output();
    int inOff = input.outputOffset();
    for (int k = 0; k < layers.size(); k++) {
      SequenceLayerF32 l = layers.get(k);
      l.forward(v, in, inOff, steps, b.size(), lengths, t0, init == null ? null : init.parts()[k]);
      l.finalState(lastState.parts()[k]);
      in = l.output();
      inOff = l.outputOffset();
    }
    SequenceLayerF32 top = layers.get(layers.size() - 1);
    int positions = readout() == ReadoutMode.EVERY_STEP ? steps * b.size() : b.size();
    if (readout() == ReadoutMode.EVERY_STEP) {
      readout.forward(v, top.output(), top.outputOffset(), positions, out);
    } else {
      readout.forward(v, top.summary(), top.summaryOffset(), positions, out);
    }
    return positions;
  }

  /** Zero states but for N(0, sd²) in h_0 of the layers with initial-state noise (by sequence, then unit). */
  private State noisyInitialState(int batch) {
    if (noisyState == null || noisyState.parts()[0][0].length != batch * layers.get(0).stateWidth()) {
      noisyState = zeroState(batch);
    }
    for (int k = 0; k < layers.size(); k++) {
      float[] h = noisyState.parts()[k][0];
      for (int i = 0; i < h.length; i++) {
        h[i] = stateNoiseSd[k] > 0 ? (float) (stateNoiseSd[k] * stateNoise.gaussian()) : 0.0f;  // float32: rounded
      }
    }
    return noisyState;
  }

  /**
   * Loss over steps [t0, t0+steps) from state {@code init} (null: zeros), and its gradient added
   * to {@code params().grads()}. The state is treated as a constant (truncated BPTT). With a
   * last-step readout, only a span that ends at the batch's last step has a target; other spans
   * give loss 0 and no gradient.
   */
  public double forwardBackward(Batch b, int t0, int steps, State init) {
    int positions = forward(b, t0, steps, init);
    int batch = b.size();
    double value;
    boolean hasTarget = readout() == ReadoutMode.EVERY_STEP || t0 + steps == b.steps();
    if (!hasTarget) {
      if (inputGradient) {
        Arrays.fill(dx, 0, steps * batch * input.features(), 0.0f);
      }
      return 0.0f;
    }
    if (readout() == ReadoutMode.EVERY_STEP) {
      for (int t = 0; t < steps; t++) {
        for (int i = 0; i < batch; i++) {
          weights[t * batch + i] = b.weight(t0 + t, i);
        }
      }
      value = loss.evaluate(out, positions, outputs(), b.targets(), b.labels(), t0 * batch, weights, dOut);
    } else {
      value = loss.evaluate(out, positions, outputs(), b.targets(), b.labels(), 0, null, dOut);
    }
    backward(positions);
    return value;
  }

  private void backward(int positions) {
    float[] g = params.grads();
    float[] v = params.values();
    int nl = layers.size();
    SequenceLayerF32 top = layers.get(nl - 1);
    boolean every = readout() == ReadoutMode.EVERY_STEP;
    readout.backward(v, g, dOut, every ? top.output() : top.summary(), every ? top.outputOffset() : top.summaryOffset(),
        positions, dTop);
    float[] dAbove = every ? dTop : null;
    float[] dSummary = every ? null : dTop;
    float[] next = dxA;
    for (int k = nl - 1; k >= 0; k--) {
      float[] dxk;
      if (k > 0) {
        dxk = next;
      } else if (input.passthrough()) {
        dxk = inputGradient ? dx : null;
      } else {
        dxk = dIn;
      }
      layers.get(k).backward(g, dAbove, 0, k == nl - 1 ? dSummary : null, dxk, 0);
      dAbove = dxk;
      next = next == dxA ? dxB : dxA;
    }
    if (!input.passthrough()) {
      input.backward(g, dIn, inputGradient ? dx : null);
    }
  }

  /** dL/d(initial state) of every layer after {@link #forwardBackward}. */
  public State initialStateGradient() {
    float[][][] s = new float[layers.size()][][];
    for (int k = 0; k < s.length; k++) {
      SequenceLayerF32 l = layers.get(k);
      float[][] g = l.initialStateGradient();
      s[k] = new float[g.length][];
      for (int p = 0; p < g.length; p++) {
        s[k][p] = Arrays.copyOf(g[p], lastBatch * l.stateWidth());
      }
    }
    return new State(s);
  }

  /** A copy of the state after the last forward pass (every sequence at its own last step). */
  public State finalState() {
    return lastState.copy();
  }

  /** Copies the state after the last forward pass into {@code dst} (same shape), allocating nothing. */
  public void finalStateInto(State dst) {
    for (int k = 0; k < layers.size(); k++) {
      int n = lastBatch * layers.get(k).stateWidth();
      for (int p = 0; p < dst.parts()[k].length; p++) {
        System.arraycopy(lastState.parts()[k][p], 0, dst.parts()[k][p], 0, n);
      }
    }
  }

  /**
   * Outputs for the whole batch, laid out like its targets ({@code [size][outputs]} or
   * {@code [steps][size][outputs]}), computed in chunks of at most {@code chunk} sequences.
   */
  public float[] predict(Batch b, int chunk) {
    int n = b.size();
    int perSeq = readout() == ReadoutMode.EVERY_STEP ? b.steps() : 1;
    int outputs = outputs();
    float[] all = new float[perSeq * n * outputs];
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      Batch part = from == 0 && to == n ? b : b.slice(from, to, readout());
      forward(part, 0, part.steps(), null);
      int m = to - from;
      for (int t = 0; t < perSeq; t++) {
        System.arraycopy(out, t * m * outputs, all, (t * n + from) * outputs, m * outputs);
      }
    }
    return all;
  }

  /**
   * Outputs for the whole batch as {@link #predict(Batch, int)}, in one pass that starts from
   * {@code init} (null: zeros) and leaves its final state in {@code last} (null: not kept): a text
   * measured segment after segment with its state carried across.
   */
  public float[] predict(Batch b, State init, State last) {
    float[] all = new float[predictedLength(b)];
    predictInto(b, init, last, all);
    return all;
  }

  /** The length of {@link #predict}'s outputs for {@code b}. */
  public int predictedLength(Batch b) {
    return (readout() == ReadoutMode.EVERY_STEP ? b.steps() : 1) * b.size() * outputs();
  }

  /**
   * As {@link #predict(Batch, State, State)}, the outputs written to the start of {@code dst}
   * (at least {@link #predictedLength} long) instead of a new array: a long text measured segment
   * after segment reuses one buffer.
   */
  public void predictInto(Batch b, State init, State last, float[] dst) {
    int n = predictedLength(b);
    if (dst.length < n) {
      throw new IllegalArgumentException("an output buffer of " + dst.length + " for " + n + " outputs");
    }
    forward(b, 0, b.steps(), init);
    System.arraycopy(out, 0, dst, 0, n);
    if (last != null) {
      finalStateInto(last);
    }
  }

  /**
   * One step of inference for {@code rows} sequences at once, allocation-free once warmed up (one
   * small batch per distinct row count): row r reads token {@code tokens[r]}, starts from row r of
   * {@code in} and ends in row r of {@code out} (which may be {@code in}; a state of capacity
   * {@code >= rows}), and the readout's outputs (logits) go to {@code logits[r * outputs() ..]}.
   * The numbers are bit-identical to those {@link #predict} computes at step {@code position} of
   * the whole sequence in the same mode (every product is the same fma chain whatever the row
   * count); {@code position} matters only to batch norm's per-step statistics. Unidirectional
   * models only, with an embedding input and no real features beside it. The transposed and
   * packed weights are made once and reused while {@link Params#version()} stays (any
   * {@link Params#values()} call moves it on), so steps cost the products alone.
   */
  public void stepInto(int[] tokens, int rows, int position, State in, State out, float[] logits) {
    if (!input.readsTokens() || input.features() != 0) {
      throw new IllegalArgumentException("stepInto(tokens) needs a model whose input is token ids alone");
    }
    Batch b = stepBatch(rows);
    System.arraycopy(tokens, 0, b.tokens(), 0, rows);
    step(b, position, in, out, logits);
  }

  /**
   * As {@link #stepInto(int[], int, int, State, State, double[])} for a model reading real features:
   * row r reads {@code inputs[r * features .. (r + 1) * features)}.
   */
  public void stepInto(double[] inputs, int rows, int position, State in, State out, float[] logits) {
    if (input.readsTokens()) {
      throw new IllegalArgumentException("stepInto(inputs) needs a model that reads real features; this one reads token ids");
    }
    Batch b = stepBatch(rows);
    System.arraycopy(inputs, 0, b.inputs(), 0, rows * input.features());
    step(b, position, in, out, logits);
  }

  /** The reused one-step batch of {@code rows} sequences (tokens or real features, labels unused). */
  private Batch stepBatch(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("a step needs at least one row, got " + rows);
    }
    if (stepBatches.length <= rows) {
      stepBatches = Arrays.copyOf(stepBatches, rows + 1);
    }
    if (stepBatches[rows] == null) {
      int f = input.features();
      stepBatches[rows] = new Batch(1, rows, f, new double[rows * f], Batch.fullLengths(1, rows), null,
          new int[rows], null, input.readsTokens() ? new int[rows] : null);
    }
    return stepBatches[rows];
  }

  /** The forward pass of one step from {@code in}; the state goes straight to {@code out}, the logits to the caller. */
  private void step(Batch b, int position, State in, State out, float[] logits) {
    if (bidirectional) {
      throw new IllegalStateException("a model with a bidirectional layer reads whole sequences: it cannot be stepped");
    }
    if (position < 0) {
      throw new IllegalArgumentException("step position must be >= 0, got " + position);
    }
    int rows = b.size();
    // Read without counting as a change: the layers reuse the weights they packed at this version
    // (every writer of the values obtains them through Params.values(), which moves the version on).
    long version = params.version();
    float[] v = params.valuesForReading();
    if (CHECK_STALE) {
      checkNoUncountedWrite(v, version);
    }
    input.forward(v, b, 0, 1);
    float[] x = input.output();
    int xOff = input.outputOffset();
    for (int k = 0; k < layers.size(); k++) {
      SequenceLayerF32 l = layers.get(k);
      // lengths null and lenShift = position: the step is step `position` of every sequence
      l.forward(v, x, xOff, 1, rows, null, position, in.parts()[k], version);
      l.finalState(out.parts()[k]);
      x = l.output();
      xOff = l.outputOffset();
    }
    readout.forward(v, x, xOff, rows, logits, version);
  }

  /** Refuses to step on packs made from other values than these at the same version (assertions on only). */
  private void checkNoUncountedWrite(float[] v, long version) {
    if (version == stepValuesVersion) {
      if (!Arrays.equals(v, stepValuesSeen)) {
        throw new IllegalStateException("parameter values were written through an array kept from an earlier "
            + "Params.values() without Params.markChanged(): the inference step would use stale packed weights");
      }
      return;
    }
    if (stepValuesSeen == null || stepValuesSeen.length != v.length) {
      stepValuesSeen = new float[v.length];
    }
    System.arraycopy(v, 0, stepValuesSeen, 0, v.length);
    stepValuesVersion = version;
  }

  @SuppressWarnings({"AssertWithSideEffects", "java:S3346"})
  private static boolean assertionsEnabled() {
    boolean on = false;
    assert on = true;
    return on;
  }

  /** The loss of outputs laid out as by {@link #predict}, for the whole batch. */
  public double loss(Batch b, float[] outputsOfBatch) {
    int n = b.size();
    if (lossScratch.length < outputsOfBatch.length) {
      lossScratch = new float[outputsOfBatch.length];
    }
    float[] scratch = lossScratch; // every entry the loss reads is written first
    if (readout() == ReadoutMode.EVERY_STEP) {
      if (lossWeights.length < b.steps() * n) {
        lossWeights = new double[b.steps() * n];
      }
      double[] w = lossWeights;
      for (int t = 0; t < b.steps(); t++) {
        for (int i = 0; i < n; i++) {
          w[t * n + i] = b.weight(t, i);
        }
      }
      return loss.evaluate(outputsOfBatch, b.steps() * n, outputs(), b.targets(), b.labels(), 0, w, scratch);
    }
    return loss.evaluate(outputsOfBatch, n, outputs(), b.targets(), b.labels(), 0, null, scratch);
  }

  /** One recurrent layer's declaration. */
  private record LayerSpec(CellConfigF32 cell, int hidden, boolean bidirectional, BidirectionalLayerF32.Merge merge) {}

  /** An input layer's declaration, made once the parameters are being declared. */
  private interface InputSpec {
    InputLayerF32 create(ParamsF32.Builder params);
  }

  /**
   * Declares a model: one input ({@link #input} or {@link #embedding}), recurrent layers bottom
   * first ({@link #recurrent}, {@link #bidirectional}, {@link #layers}), {@link #readout} and
   * {@link #loss}. Parameters are declared in that order (PyTorch's, for a module registering
   * {@code embedding}, {@code rnn}, {@code readout}): {@code embedding.weight}; per layer k
   * {@code weight_ih_lk, weight_hh_lk, bias_ih_lk, bias_hh_lk}, then the same with
   * {@code _reverse} if bidirectional; {@code readout.weight, readout.bias}.
   */
  public static final class Builder {
    private InputSpec input;
    private final List<LayerSpec> layers = new ArrayList<>();
    private int outputs;
    private ReadoutMode readoutMode;
    private LossF32 loss;

    private Builder() {}

    private void setInput(InputSpec s) {
      if (input != null) {
        throw new IllegalArgumentException("a model has one input layer");
      }
      input = s;
    }

    /** Real features as they are, {@code features} per step. */
    public Builder input(int features) {
      setInput(p -> new DenseInputF32(features));
      return this;
    }

    /** Token ids embedded in {@code dim} dimensions (table N(0, 1), as PyTorch's nn.Embedding). */
    public Builder embedding(int vocabulary, int dim) {
      return embedding(vocabulary, dim, 0, 1.0f);
    }

    /**
     * Token ids embedded in {@code dim} dimensions, followed by {@code features} real features per
     * token from the batch (e.g. word shape); the table starts N(0, initStd^2).
     */
    public Builder embedding(int vocabulary, int dim, int features, double initStd) {
      setInput(p -> new EmbeddingInputF32(p, vocabulary, dim, features, initStd));
      return this;
    }

    /** A unidirectional layer of {@code hidden} units on top of the stack so far. */
    public Builder recurrent(CellConfigF32 cell, int hidden) {
      return add(cell, hidden, false, null);
    }

    /** A bidirectional layer of {@code hidden} units per direction on top of the stack so far. */
    public Builder bidirectional(CellConfigF32 cell, int hidden, BidirectionalLayerF32.Merge merge) {
      return add(cell, hidden, true, merge);
    }

    /** {@code count} unidirectional layers of one cell and size. */
    public Builder layers(CellConfigF32 cell, int hidden, int count) {
      return layers(cell, hidden, count, false, null);
    }

    /** {@code count} layers of one cell and size, all uni- or all bidirectional (PyTorch's num_layers). */
    public Builder layers(CellConfigF32 cell, int hidden, int count, boolean bidirectional, BidirectionalLayerF32.Merge merge) {
      if (count < 1) {
        throw new IllegalArgumentException("sizes must be positive: " + count + " layers");
      }
      for (int k = 0; k < count; k++) {
        add(cell, hidden, bidirectional, merge);
      }
      return this;
    }

    private Builder add(CellConfigF32 cell, int hidden, boolean bidirectional, BidirectionalLayerF32.Merge merge) {
      if (cell == null) {
        throw new IllegalArgumentException("a recurrent layer needs a cell");
      }
      if (hidden < 1) {
        throw new IllegalArgumentException("sizes must be positive: hidden " + hidden);
      }
      if (bidirectional && merge == null) {
        throw new IllegalArgumentException("a bidirectional layer needs a merge (concat or sum)");
      }
      layers.add(new LayerSpec(cell, hidden, bidirectional, merge));
      return this;
    }

    /** A linear readout of {@code outputs} values (or classes) at every step or at the last one. */
    public Builder readout(int outputs, ReadoutMode mode) {
      if (outputs < 1) {
        throw new IllegalArgumentException("sizes must be positive: " + outputs + " outputs");
      }
      this.outputs = outputs;
      this.readoutMode = mode;
      return this;
    }

    /** The loss on the readout's outputs. */
    public Builder loss(LossF32 loss) {
      this.loss = loss;
      return this;
    }

    /** Declares every parameter; call {@link SequenceModel#initialize} before use. */
    public SequenceModelF32 build() {
      return new SequenceModelF32(this);
    }
  }
}
