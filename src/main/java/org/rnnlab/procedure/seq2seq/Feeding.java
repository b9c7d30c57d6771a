package org.rnnlab.procedure.seq2seq;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.Rng;
import org.rnnlab.procedure.ConfigProblem;

/**
 * What a decoder is fed at step t >= 1 while it trains (Goodfellow et al. 10.2.1; Bengio et al.
 * 2015): the true previous token (teacher forcing), its own previous token (free running), or, with
 * scheduled sampling, the true one with probability epsilon_i at update i and its own otherwise,
 * epsilon_i decaying over training. The choice is made per step and sequence; a fed token is a
 * discrete choice, so no gradient flows through it into the step that produced it.
 */
public record Feeding(
    @Hyper(doc = "What the decoder is fed at step t >= 1 while it trains: teacher_forcing (the true previous "
        + "token), free_running (its own previous token) or scheduled_sampling (its own with a probability that "
        + "rises over training, Bengio et al. 2015). No gradient flows through a fed token.",
        allowed = {"teacher_forcing", "free_running", "scheduled_sampling"},
        defaultValue = "\"teacher_forcing\"") String regime,
    @OptionalKey @Hyper(doc = "scheduled_sampling: how epsilon_i, the probability of feeding the true token at update "
        + "i (from 0), decays: linear max(min_epsilon, k - c i), exponential k^i, inverse_sigmoid k / (k + exp(i / k)) "
        + "(Bengio et al. 2015, section 2.4).", allowed = {"linear", "exponential", "inverse_sigmoid"}) String schedule,
    @OptionalKey @Hyper(doc = "scheduled_sampling: the schedule's k (linear: epsilon at update 0; exponential: the "
        + "decay per update, < 1; inverse_sigmoid: >= 1, larger decays later).", min = 0) Double k,
    @OptionalKey @Hyper(doc = "scheduled_sampling, linear: the decrease of epsilon per update.", min = 0) Double c,
    @OptionalKey @Hyper(doc = "scheduled_sampling, linear: the floor of epsilon.", min = 0, max = 1) Double minEpsilon,
    @Hyper(doc = "The model's own token: sample (drawn from its softmax, as Bengio et al.) or greedy (its most "
        + "probable).", allowed = {"sample", "greedy"}, defaultValue = "\"sample\"") String modelToken) {
  public static final String TEACHER_FORCING = "teacher_forcing";
  public static final String FREE_RUNNING = "free_running";
  public static final String SCHEDULED = "scheduled_sampling";

  public Feeding {
    regime = regime == null ? TEACHER_FORCING : regime;
    modelToken = modelToken == null ? "sample" : modelToken;
  }

  /** Teacher forcing, the default. */
  public static Feeding teacherForcing() {
    return new Feeding(TEACHER_FORCING, null, null, null, null, null);
  }

  /** The probability of feeding the true previous token at update {@code i} (from 0). */
  public double epsilon(long i) {
    return switch (regime) {
      case TEACHER_FORCING -> 1.0;
      case FREE_RUNNING -> 0.0;
      default -> switch (schedule) {
        case "linear" -> Math.max(minEpsilon == null ? 0.0 : minEpsilon, k - c * i);
        case "exponential" -> Math.pow(k, i);
        default -> k / (k + Math.exp(i / k));
      };
    };
  }

  /** Whether the model's token is drawn from its softmax (else its most probable). */
  public boolean samples() {
    return modelToken.equals("sample");
  }

  /**
   * One (step, sequence) choice of an update whose epsilon is {@code epsilon}: the model's own token
   * with probability 1 - epsilon, drawn from {@code rng} (no draw when epsilon is 0 or 1).
   */
  public static boolean useModelToken(double epsilon, Rng rng) {
    return epsilon < 1.0 && (epsilon <= 0.0 || !rng.bernoulli(epsilon));
  }

  /** What this config cannot do over {@code steps} updates, with pointers under {@code pointer}. */
  public List<ConfigProblem> check(int steps, String pointer) {
    List<ConfigProblem> out = new ArrayList<>();
    if (!regime.equals(SCHEDULED)) {
      if (schedule != null || k != null || c != null || minEpsilon != null) {
        out.add(new ConfigProblem(pointer + "/schedule", "schedule, k, c and min_epsilon are for scheduled_sampling; "
            + "the regime is " + regime));
      }
      return out;
    }
    if (schedule == null || k == null) {
      out.add(new ConfigProblem(pointer + "/schedule", "scheduled_sampling needs a schedule and its k"));
      return out;
    }
    if (schedule.equals("linear") && c == null) {
      out.add(new ConfigProblem(pointer + "/c", "a linear schedule needs c, the decrease of epsilon per update"));
      return out;
    }
    if (schedule.equals("exponential") && !(k > 0.0 && k < 1.0)) {
      out.add(new ConfigProblem(pointer + "/k", "an exponential schedule needs 0 < k < 1, got " + k));
    }
    if (schedule.equals("inverse_sigmoid") && k < 1.0) {
      out.add(new ConfigProblem(pointer + "/k", "an inverse_sigmoid schedule needs k >= 1, got " + k));
    }
    double first = epsilon(0);
    double last = epsilon(steps - 1L);
    if (out.isEmpty() && !(first >= 0.0 && first <= 1.0 && last >= 0.0 && last <= 1.0)) {
      out.add(new ConfigProblem(pointer + "/k", "the schedule's epsilon must stay in [0, 1]: it is " + first
          + " at update 0 and " + last + " at update " + (steps - 1)));
    }
    return out;
  }
}
