// Generated from src/main/java/org/rnnlab/engine/norm/RecurrentBatchNorm.java by org.rnnlab.codegen.F32Generator (src/test/java).
// Do not edit: change RecurrentBatchNorm.java and run `make generate`.
package org.rnnlab.engine.norm;

import java.util.Arrays;
import org.rnnlab.config.Hyper;
import org.rnnlab.engine.ParamsF32;
import org.rnnlab.engine.ParamsF32.Buffer;
import org.rnnlab.engine.ParamsF32.Param;

/**
 * Recurrent batch normalisation (Cooijmans et al. 2017, eqs. 6-8): every column is normalised
 * by its mean and variance over the valid sequences of the batch <em>at this time step</em>
 * (padding past a sequence's length takes no part), x̂ = (x - mu_t) / sqrt(var_t + eps), then
 * y = gain * x̂ + bias. In evaluation the statistics are the running (population) statistics of
 * the step, and past the last trained step those of that step (Cooijmans et al., sec. 4: "we use
 * the population statistic of time T_max for all time steps beyond it").
 *
 * <p>Running statistics, per step s and column: the first training batch that reaches step s
 * sets them; after that {@code running = (1 - momentum) * running + momentum * batch} (PyTorch's
 * rule), the variance being the unbiased n / (n - 1) estimate of the n valid sequences (left as
 * it is when n = 1). After {@link #resetStatistics resetStatistics(true)} the weight of the k-th
 * batch at a step is 1 / k instead: the exact average, as Cooijmans et al. re-estimate the
 * population statistics with the final weights. They are non-trainable buffers ({@code NAME.running_mean},
 * {@code NAME.running_var}: max_steps x width; {@code NAME.num_batches_tracked}: batches per step),
 * saved and loaded with the parameters.
 */
public final class RecurrentBatchNormF32 extends NormalizationF32 {
  /** Spec record: {@code {"type": "batch", "max_steps": 784, "epsilon": 1e-5, "gain": 0.1, "momentum": 0.1}}. */
  public record Config(
      @Hyper(doc = "Time steps with their own population statistics (Cooijmans et al.'s T_max): at least the "
          + "longest training sequence. Evaluation past the last trained step uses that step's statistics; a "
          + "training sequence longer than max_steps is an error.", min = 1) Integer maxSteps,
      @Hyper(doc = "Added to the variance before the square root.", min = 0, exclusiveMin = true,
          defaultValue = "1e-5") Float epsilon,
      @Hyper(doc = "Initial gain (Cooijmans et al.: 0.1, which keeps the gates out of saturation).",
          defaultValue = "0.1") Float gain,
      @Hyper(doc = "Weight of the newest batch in the running statistics of a step: running = (1 - momentum) "
          + "* running + momentum * batch (PyTorch's rule); the first batch that reaches a step sets them.",
          min = 0, exclusiveMin = true, max = 1, defaultValue = "0.1") Float momentum,
      @Hyper(doc = "Standard deviation of Gaussian noise added to the initial hidden state h_0 of every "
          + "training-mode pass (also the population-statistics passes), drawn from the model's stream "
          + "\"state_noise\"; evaluation starts from h_0 = 0. Cooijmans et al. 2017, sec. 5.1: h_0 is the same "
          + "for every sequence, so while the inputs are too (the blank top rows of MNIST) every step's batch "
          + "variance is exactly 0 and dividing by sqrt(epsilon) makes the gradient explode; noise in h_0 breaks "
          + "the tie. 0: none.", min = 0, defaultValue = "0.0") Float initialStateNoise) implements NormConfigF32 {
    public Config {
      if (maxSteps == null || maxSteps < 1) {
        throw new IllegalArgumentException("batch norm needs max_steps >= 1, got " + maxSteps);
      }
      epsilon = epsilon == null ? 1e-5f : epsilon;
      gain = gain == null ? 0.1f : gain;
      momentum = momentum == null ? 0.1f : momentum;
      initialStateNoise = initialStateNoise == null ? 0.0f : initialStateNoise;
      if (!(initialStateNoise >= 0) || initialStateNoise.isInfinite()) {
        throw new IllegalArgumentException("batch norm initial_state_noise must be a finite number >= 0, got "
            + initialStateNoise);
      }
      if (!(epsilon > 0)) {
        throw new IllegalArgumentException("batch norm epsilon must be > 0, got " + epsilon);
      }
      if (!(momentum > 0 && momentum <= 1)) {
        throw new IllegalArgumentException("batch norm momentum must be in (0, 1], got " + momentum);
      }
    }

    @Override
    public NormalizationF32 create(ParamsF32.Builder params, String name, int width, int[] groups, Param... biases) {
      return new RecurrentBatchNormF32(params, name, width, groups, this, biases);
    }

    /** Without initial-state noise. */
    public Config(Integer maxSteps, Float epsilon, Float gain, Float momentum) {
      this(maxSteps, epsilon, gain, momentum, null);
    }

    @Override
    public float stateNoise() {
      return initialStateNoise;
    }
  }

  private final int maxSteps;
  private final float eps;
  private final float momentum;
  private final Buffer runningMean;
  private final Buffer runningVar;
  private final Buffer tracked;
  private final float[] a3;
  private float[] mean = new float[0];  // steps x width: this pass's mean of every step
  private float[] rstd = new float[0];  // steps x width: 1 / sqrt(var + eps)
  private float[] var = new float[0];   // steps x width: this pass's (population) variance
  private int[] count = new int[0];       // valid sequences per step
  private int trainedSteps;               // evaluation: steps with statistics
  private boolean batchMode;              // this pass normalises by batch statistics (training)

  RecurrentBatchNormF32(ParamsF32.Builder params, String name, int width, int[] groups, Config c, Param[] biases) {
    super(params, name, width, groups, c.gain(), biases);
    this.maxSteps = c.maxSteps();
    this.eps = c.epsilon();
    this.momentum = c.momentum();
    this.runningMean = params.addBuffer(name + ".running_mean", maxSteps, width);
    this.runningVar = params.addBuffer(name + ".running_var", maxSteps, width);
    this.tracked = params.addBuffer(name + ".num_batches_tracked", 1, maxSteps);
    this.a3 = new float[width];
    clearStatistics();
  }

  /** Running mean 0 and variance 1 (no statistics yet: evaluation is then the identity), no batches. */
  @Override
  protected void clearStatistics() {
    Arrays.fill(runningMean.values(), 0.0f);
    Arrays.fill(runningVar.values(), 1.0f);
    Arrays.fill(tracked.values(), 0.0f);
  }

  @Override
  protected void allocate(int steps, int batch) {
    if (mean.length < steps * width) {
      mean = new float[steps * width];
      rstd = new float[steps * width];
      var = new float[steps * width];
      count = new int[steps];
    }
  }

  @Override
  public void beginPass() {
    batchMode = training;
    if (!training) {
      float[] k = tracked.values();
      int s = maxSteps;
      while (s > 0 && k[s - 1] == 0.0f) {
        s--;
      }
      trainedSteps = s;
    }
  }

  @Override
  public void forward(float[] p, float[] src, int srcOff, int srcStride, float[] dst, int dstOff,
                      int dstStride, int c0, int n, int t, int step, boolean[] valid) {
    int mo = t * width + c0;
    if (batchMode) {
      batchStatistics(src, srcOff, srcStride, c0, n, t, step, valid);
    } else {
      int slot = Math.min(step, Math.max(trainedSteps, 1) - 1);
      NormKernelsF32.populationStatistics(runningMean.values(), runningVar.values(), slot * width + c0, eps, mean,
          rstd, mo, n);
    }
    float[] xh = keepsInput() ? saved : null;  // not kept: restore() recomputes it
    for (int b = 0; b < batch; b++) {
      NormKernelsF32.batchRow(src, srcOff + b * srcStride + c0, mean, rstd, mo, xh, xhatOffset(t, b) + c0,
          p, gain.offset() + c0, biasAt(0, c0), biasAt(1, c0), dst, dstOff + b * dstStride + c0, n);
    }
  }

  /** Mean and variance of step t over the valid rows (in row order), and the running update. */
  private void batchStatistics(float[] src, int srcOff, int srcStride, int c0, int n, int t, int step,
                               boolean[] valid) {
    if (step >= maxSteps) {
      throw new IllegalArgumentException(name + ": training sequence step " + step + " is beyond max_steps "
          + maxSteps);
    }
    int mo = t * width + c0;
    int nv = collectValid(valid);
    count[t] = nv;
    if (nv == 0) {  // no sequence at this step: nothing to normalise by, nothing learnt
      Arrays.fill(mean, mo, mo + n, 0.0f);
      Arrays.fill(rstd, mo, mo + n, 1.0f);
      return;
    }
    // two passes over the valid rows: the mean, then the variance; each column summed over the rows
    // in order, in blocks of four ((r0 + r1) + (r2 + r3)), the last nv % 4 one at a time
    Arrays.fill(mean, mo, mo + n, 0.0f);
    Arrays.fill(var, mo, mo + n, 0.0f);
    int o = srcOff + c0;
    int i = 0;
    for (; i + 4 <= nv; i += 4) {
      NormKernelsF32.addRows4(mean, mo, src, o + rows[i] * srcStride, o + rows[i + 1] * srcStride,
          o + rows[i + 2] * srcStride, o + rows[i + 3] * srcStride, n);
    }
    for (; i < nv; i++) {
      NormKernelsF32.addRow(mean, mo, src, o + rows[i] * srcStride, n);
    }
    NormKernelsF32.divide(mean, mo, nv, n);
    for (i = 0; i + 4 <= nv; i += 4) {
      NormKernelsF32.addSquaredDeviations4(var, mo, src, o + rows[i] * srcStride, o + rows[i + 1] * srcStride,
          o + rows[i + 2] * srcStride, o + rows[i + 3] * srcStride, mean, mo, n);
    }
    for (; i < nv; i++) {
      NormKernelsF32.addSquaredDeviation(var, mo, src, o + rows[i] * srcStride, mean, mo, n);
    }
    NormKernelsF32.divide(var, mo, nv, n);
    float seen = tracked.values()[step];
    // the newest batch's weight: the momentum, or 1 / (batches so far) for an exact average
    float weight = averaging ? 1.0f / (seen + 1.0f) : momentum;
    NormKernelsF32.batchFinish(mean, var, rstd, mo, eps, nv, seen == 0.0f, weight, runningMean.values(),
        runningVar.values(), step * width + c0, n);
    // a step's column ranges come in order (the reset-before GRU's recurrent site has two): the
    // batch counts once, after its last range, so that every range sees the same "first"
    if (c0 + n == width) {
      tracked.values()[step] += 1.0f;
    }
  }

  @Override
  public void restore(float[] src, int srcOff, int srcStride, int t) {
    for (int b = 0; b < batch; b++) {
      NormKernelsF32.normaliseRow(src, srcOff + b * srcStride, mean, rstd, t * width, stepSaved, b * width, width);
    }
  }

  /**
   * Training: dL/dx = gain * rstd * (dy - mean(dy) - x̂ * mean(dy * x̂)), the means over the valid
   * rows of the step (the backward through the batch statistics); evaluation: gain * rstd * dy.
   */
  @Override
  public void backward(float[] p, float[] grads, float[] dy, int dyOff, int dyStride, float[] out,
                       int outOff, int outStride, int c0, int n, int t, boolean[] valid) {
    int mo = t * width + c0;
    gainBiasGradients(grads, dy, dyOff, dyStride, c0, n, t, valid);
    int nv = count[t];
    NormKernelsF32.batchBackwardFactors(p, gain.offset() + c0, rstd, mo, nv, batchMode && nv > 0, sumDy, sumDyXhat,
        a3, n);
    float[] xh = xhat();
    for (int b = 0; b < batch; b++) {
      int oo = outOff + b * outStride + c0;
      if (valid[b]) {
        NormKernelsF32.batchInputGradient(dy, dyOff + b * dyStride + c0, xh, xhatOffset(t, b) + c0, a3, sumDy,
            sumDyXhat, 0, out, oo, n);
      } else {
        zeroRow(out, oo, n);
      }
    }
  }
}
