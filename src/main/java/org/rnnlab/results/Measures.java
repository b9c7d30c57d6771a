package org.rnnlab.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.rnnlab.config.Levenshtein;

/**
 * The one vocabulary of measurement names: what procedures write (final metrics into result.json,
 * curve scalars into curve.csv, series into series.csv) and what charts, claims, the headline and
 * {@code compare} read. Writers and readers use these constants and builders, never their own string
 * literals, so that a renamed measurement cannot leave a chart drawing nothing. Task metrics
 * ({@code mse}, {@code accuracy}, ...) are named by their tasks ({@code SequenceTask.metricNames()}); here is
 * how a set's name qualifies them ({@link #ofSet}).
 */
public final class Measures {
  private Measures() {}

  /** Where a measurement is recorded, in the words an error message uses. */
  public enum Kind {
    /** A final metric of result.json. */
    METRIC("metric", "metrics"),
    /** A value of the learning curve, curve.csv. */
    CURVE("curve scalar", "curve scalars"),
    /** A vector per step, series.csv. */
    SERIES("series", "series");

    private final String one;
    private final String many;

    Kind(String one, String many) {
      this.one = one;
      this.many = many;
    }

    /** "metric", "curve scalar", "series". */
    public String word() {
      return one;
    }

    /** "metrics", "curve scalars", "series". */
    public String plural() {
      return many;
    }
  }

  // ---- evaluation sets and the metrics every set has

  /** The test set, whose metrics are named plainly ({@code mse}). */
  public static final String TEST = "test";
  /** The validation split, whose metrics are {@code validation.<metric>}. */
  public static final String VALIDATION = "validation";
  /** The training loss measured on a set (every set has it under bptt): {@code loss}, {@code validation.loss}. */
  public static final String LOSS = "loss";
  /** Mean squared error (the ridge procedure's validation error along its lambda grid). */
  public static final String MSE = "mse";

  /** A metric of {@code set} as curves and final metrics name it: plain for test, else "set.metric". */
  public static String ofSet(String set, String metric) {
    return set.equals(TEST) ? metric : set + "." + metric;
  }

  // ---- curve scalars of training

  /** Mean training loss over the minibatches since the previous evaluation (bptt curve). */
  public static final String TRAIN_LOSS = "train_loss";
  /** Mean global gradient norm before clipping over the updates since the previous evaluation (bptt curve). */
  public static final String GRAD_NORM = "grad_norm";
  /** Curve scalar of seq2seq: the mean probability of feeding the decoder its own token since the last evaluation. */
  public static final String MODEL_TOKEN_RATE = "model_token_rate";
  /** log10 of the k-th lambda of the ridge grid, at step k (ridge curve). */
  public static final String LOG10_LAMBDA = "log10_lambda";

  // ---- final metrics of bptt

  /** The update of the first evaluation at which the task counts as solved (null: never). */
  public static final String STEPS_TO_SOLVE = "steps_to_solve";
  /** 1 if the task's success criterion holds on the final test metrics, else 0 ({@code report_success}). */
  public static final String SUCCESS = "success";
  /** steps_to_solve x batch_size ({@code report_success}). */
  public static final String SEQUENCES_TO_SOLVE = "sequences_to_solve";

  // ---- final metrics of bptt callbacks

  /** The update at which early stopping ended training. */
  public static final String STOPPED_AT = "stopped_at";
  /** Updates and training sequences until the watched metric first crossed its target (time to target). */
  public static final String UPDATES_TO_TARGET = "updates_to_target";
  public static final String SEQUENCES_TO_TARGET = "sequences_to_target";
  /** The update whose weights gave the final metrics (best on validation). */
  public static final String BEST_STEP = "best_step";

  // ---- series of the samples callback (generation from a language model)

  /** Series of the samples callback: the temperatures the final model was sampled at. */
  public static final String SAMPLES_TEMPERATURE = "samples.temperature";
  /** Series: bits per token of each temperature's sample under the model itself (at temperature 1). */
  public static final String SAMPLES_BITS = "samples.bits_per_token";
  /** Series: the share of each temperature's sample's 4-grams that are distinct (a measure of diversity). */
  public static final String SAMPLES_DISTINCT = "samples.distinct_4grams";

  // ---- final metrics of bptt diagnostics

  /** The fraction of updates in which the clipping rule fired. */
  public static final String CLIPPED_FRACTION = "clipped_fraction";
  /** The mean log rate of gradient flow through the top layer, at update 0 and at the last measurement. */
  public static final String FLOW_RATE_INIT = "flow_log_rate_init";
  public static final String FLOW_RATE_FINAL = "flow_log_rate_final";
  /** Spectral radius and largest singular value of the top layer's W_hh, at update 0 and at the end. */
  public static final String RADIUS_INIT = "spectral_radius_init";
  public static final String SIGMA_INIT = "sigma_max_init";
  public static final String RADIUS_FINAL = "spectral_radius_final";
  public static final String SIGMA_FINAL = "sigma_max_final";
  /** flow_log_rate_init - ln sigma_max_init: how far the flow stays below its bound. */
  public static final String BOUND_GAP_INIT = "flow_bound_gap_init";

  // ---- final metrics and series of ridge

  /** The chosen ridge parameter. */
  public static final String LAMBDA = "lambda";
  /** NRMSE of the free run over its horizon. */
  public static final String FREE_RUN_NRMSE = "free_run_nrmse";
  /** First free-run step whose error exceeds the threshold. */
  public static final String FREE_RUN_HORIZON = "free_run_horizon";
  /** The free run's prediction and the truth it is compared with, in the series' units (series). */
  public static final String FREE_RUN_PREDICTION = "free_run.prediction";
  public static final String FREE_RUN_TRUTH = "free_run.truth";

  // ---- series of bptt diagnostics

  private static final String FLOW_HIDDEN = "flow.h.l";
  private static final String FLOW_CELL = "flow.c.l";

  /** ||dL/dh_t|| of layer {@code k} for every t. */
  public static String flowHidden(int k) {
    return FLOW_HIDDEN + k;
  }

  /** ||dL/dc_t|| of layer {@code k} (cells with a cell state). */
  public static String flowCell(int k) {
    return FLOW_CELL + k;
  }

  /** ||dL/dh_t|| of the first layer, what a gradient_flow chart draws by default. */
  public static final String FLOW_HIDDEN_L0 = FLOW_HIDDEN + 0;

  /** Whether {@code series} is a cell-state flow ({@link #flowCell}). */
  public static boolean isCellFlow(String series) {
    return series.startsWith(FLOW_CELL);
  }

  /** The layer of a flow series ({@code flow.h.l1}: 1), or -1 if it names none. */
  public static int flowLayer(String series) {
    String rest = series.startsWith(FLOW_HIDDEN) ? series.substring(FLOW_HIDDEN.length())
        : isCellFlow(series) ? series.substring(FLOW_CELL.length()) : "";
    return rest.matches("0|[1-9][0-9]{0,8}") ? Integer.parseInt(rest) : -1;
  }

  /** The spectrum quantity: largest |eigenvalue|. */
  public static final String RADIUS = "radius";
  /** The spectrum quantity: largest singular value. */
  public static final String SIGMA_MAX = "sigma_max";

  /** {@code quantity} ({@link #RADIUS} or {@link #SIGMA_MAX}) of every gate block of recurrent weight {@code param}. */
  public static String spectrum(String quantity, String param) {
    return "spectrum." + quantity + "." + param;
  }

  private static final String RECURRENT_WEIGHT = "weight_hh_l";
  /** The first layer's recurrent weight, whose spectrum a spectral_radius chart draws by default. */
  public static final String RECURRENT_WEIGHT_L0 = RECURRENT_WEIGHT + 0;

  /**
   * The recurrent weight of layer {@code k} ({@code _reverse}: its backward direction), as the model names
   * it (PyTorch's names, which the engine keeps for parameter files).
   */
  public static String recurrentWeight(int k, boolean reverse) {
    return RECURRENT_WEIGHT + k + (reverse ? "_reverse" : "");
  }

  /** ln ||d h_{T-1} / d s_t|| of layer {@code k}, Frobenius norm. */
  public static String jacobianLogFrobenius(int k) {
    return "jacobian.log_frobenius.l" + k;
  }

  /** ln ||d h_{T-1} / d s_t|| of layer {@code k}, spectral norm. */
  public static String jacobianLogSpectral(int k) {
    return "jacobian.log_spectral.l" + k;
  }

  /** Every update's gradient norm before clipping. */
  public static final String CLIP_NORM_BEFORE = "clip.norm_before";
  /** Every update's gradient norm handed to the optimiser. */
  public static final String CLIP_NORM_AFTER = "clip.norm_after";
  /** Whether the rule fired in the update (1) or not (0). */
  public static final String CLIP_FIRED = "clip.fired";
  private static final String CLIP_THRESHOLD = "clip.threshold.";

  /** The clipping rule's threshold {@code name} (recorded when it is known or changes). */
  public static String clipThreshold(String name) {
    return CLIP_THRESHOLD + name;
  }

  /** Every clipping threshold: the rule names them at run time. */
  public static MeasureName clipThresholds() {
    return MeasureName.family(CLIP_THRESHOLD, "name");
  }

  // ---- error messages

  /** Lists of more names than this are shown closest to the misspelt name first. */
  static final int SHORT_LIST = 8;

  /**
   * The names of {@code allowed} for a one-line error about {@code wrong}: as given when there are few,
   * else the closest to {@code wrong} (edit distance) first, ties in their given order.
   */
  public static String listed(String wrong, List<String> allowed) {
    if (allowed.size() <= SHORT_LIST) {
      return allowed.toString();
    }
    List<String> sorted = new ArrayList<>(allowed);
    sorted.sort(Comparator.comparingInt(n -> distance(wrong, n)));
    return sorted.toString();
  }

  /** Levenshtein distance ({@link Levenshtein}). */
  static int distance(String a, String b) {
    return Levenshtein.distance(a, b);
  }
}
