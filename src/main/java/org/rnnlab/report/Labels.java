package org.rnnlab.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnlab.results.Measures;

/**
 * Words for what charts and tables show, instead of internal ids: "test MSE" for {@code mse},
 * "training loss (cross-entropy)" for {@code train_loss} on a classification task, "adding
 * problem, T=50" for the sweep point {@code task=adding_t50}. Unknown names fall back to the name
 * with underscores as spaces, so a new metric is still labelled readably.
 */
public final class Labels {
  /** The x axis of every learning curve: one step is one optimiser update. */
  public static final String UPDATES = "updates";

  private static final Map<String, String> NAMES = Map.ofEntries(
      Map.entry("mse", "MSE"),
      Map.entry("rmse", "RMSE"),
      Map.entry("nrmse", "NRMSE"),
      Map.entry("nmse", "NMSE"),
      Map.entry("mae", "MAE"),
      Map.entry("cross_entropy", "cross-entropy"),
      Map.entry(Measures.LOSS, "loss"),
      Map.entry("accuracy", "accuracy"),
      Map.entry("recall_accuracy", "recall accuracy"),
      Map.entry("token_accuracy", "token accuracy"),
      Map.entry("solved_fraction", "fraction of sequences solved"),
      Map.entry(Measures.STEPS_TO_SOLVE, "updates until solved"),
      Map.entry("perplexity", "perplexity"),
      Map.entry("f1", "F1"));

  private Labels() {}

  /**
   * A final metric as words: {@code mse} -> "test MSE", {@code validation.accuracy} -> "validation
   * accuracy", {@code long.mse} -> "long MSE"; {@code loss} says which loss when {@code lossKind}
   * (a metric name such as "mse") is known: "test loss (MSE)".
   */
  public static String metric(String metric, String lossKind) {
    int dot = metric.indexOf('.');
    String set = dot < 0 ? Measures.TEST : metric.substring(0, dot);
    String base = dot < 0 ? metric : metric.substring(dot + 1);
    return switch (base) {
      case Measures.TRAIN_LOSS -> "training loss" + kind(lossKind);
      case Measures.GRAD_NORM -> "gradient norm";
      case Measures.MODEL_TOKEN_RATE -> "share of the decoder's own tokens fed";
      // training statistics, not measured on an evaluation set
      case Measures.STEPS_TO_SOLVE, Measures.SEQUENCES_TO_SOLVE, Measures.STOPPED_AT -> name(base);
      case Measures.CLIPPED_FRACTION -> "fraction of updates clipped";
      default -> set + " " + name(base) + (base.equals(Measures.LOSS) ? kind(lossKind) : "");
    };
  }

  private static final java.util.regex.Pattern KNESER_NEY = java.util.regex.Pattern.compile("kn(\\d+)_.+");

  /** Whether {@code metric} is a Kneser-Ney n-gram model's ({@code kn5_bpc}). */
  static boolean isKneserNey(String metric) {
    return KNESER_NEY.matcher(metric).matches();
  }

  /**
   * A measured baseline's final metric ({@code <kind>_<metric>}) by its kind, for a label beside its line:
   * {@code kn5_bpc} -> "5-gram KN" (Kneser-Ney), {@code unigram_bpc} -> "unigram"; another name with its
   * underscores as spaces.
   */
  static String baseline(String metric) {
    java.util.regex.Matcher kn = KNESER_NEY.matcher(metric);
    if (kn.matches()) {
      return kn.group(1) + "-gram KN";
    }
    return metric.startsWith("unigram_") ? "unigram" : metric.replace('_', ' ');
  }

  /** As {@link #metric(String, String)} without knowing the loss. */
  public static String metric(String metric) {
    return metric(metric, null);
  }

  /** What a curve metric measures over an evaluation interval, for captions; "" if nothing to add. */
  static String curveNote(String metric) {
    return switch (metric) {
      case Measures.TRAIN_LOSS -> "training loss: mean over the minibatches since the previous evaluation";
      case Measures.GRAD_NORM -> "gradient norm: global L2 norm of the gradient before clipping, mean over the updates "
          + "since the previous evaluation";
      case Measures.MODEL_TOKEN_RATE -> "share of the decoder's own tokens fed: the probability of feeding its own "
          + "previous token rather than the true one (0 teacher forcing, 1 free running), mean over the updates since "
          + "the previous evaluation";
      default -> "";
    };
  }

  /**
   * Whether a metric is a fraction on [0, 1] where differences matter, not ratios: accuracies, success and
   * solved fractions, F1 ({@code validation.accuracy}, {@code token_accuracy}, {@code solved_fraction}).
   */
  static boolean isFraction(String metric) {
    String base = metric.substring(metric.indexOf('.') + 1);
    return base.endsWith("accuracy") || base.endsWith("fraction") || base.equals("f1") || base.equals("success");
  }

  /** A metric name alone in words: {@code cross_entropy} -> "cross-entropy". */
  static String name(String base) {
    String n = NAMES.get(base);
    return n != null ? n : base.replace('_', ' ');
  }

  private static String kind(String lossKind) {
    return lossKind == null || lossKind.equals(Measures.LOSS) ? "" : " (" + name(lossKind) + ")";
  }

  /**
   * Which named metric the generic {@code loss} of a group is: the first other final metric that
   * equals {@code loss} in every ok trial of the group (MSE for regression tasks, cross-entropy for
   * classification), or null.
   */
  static String lossKind(Results results, String group) {
    List<TrialRow> ok = results.trialsOf(group).stream().filter(TrialRow::isOk).toList();
    if (ok.isEmpty()) {
      return null;
    }
    for (String m : ok.get(0).metrics().keySet()) {
      if (m.equals(Measures.LOSS) || m.contains(".")) {
        continue;
      }
      boolean same = true;
      for (TrialRow t : ok) {
        double a = t.metric(Measures.LOSS);
        double b = t.metric(m);
        // Equal up to rounding: the loss and the named metric may be summed in different orders.
        if (!(Double.isFinite(a) && Double.isFinite(b) && Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), 1e-300))) {
          same = false;
          break;
        }
      }
      if (same) {
        return m;
      }
    }
    return null;
  }

  /** The loss kind shared by {@code groups}, or null if they differ or none is known. */
  static String lossKind(Results results, List<Experiment.Group> groups) {
    String kind = null;
    for (Experiment.Group g : groups) {
      String k = lossKind(results, g.label());
      if (k == null) {
        continue;
      }
      if (kind != null && !kind.equals(k)) {
        return null;
      }
      kind = k;
    }
    return kind;
  }

  /**
   * A sweep point in words: a named task point by its task's own short description ("adding
   * problem, T=50"), other keys as "key value" with the key's last segment; "" for no sweep.
   */
  static String point(Experiment.Group g) {
    Point p = g.point();
    if (p.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : p.values().entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      String key = e.getKey();
      if (key.equals("task") && !g.task().isEmpty()) {
        sb.append(shortTask(g.task()));
      } else {
        sb.append(key.substring(key.lastIndexOf('.') + 1).replace('_', ' ')).append(' ').append(e.getValue());
      }
    }
    return sb.toString();
  }

  /**
   * The head of a task's one-line description: up to its second comma or its first parenthesis,
   * "adding problem, T=50, values U[0,1], ..." -> "adding problem, T=50".
   */
  static String shortTask(String description) {
    String s = description;
    int paren = s.indexOf(" (");
    if (paren > 0) {
      s = s.substring(0, paren);
    }
    int first = s.indexOf(", ");
    int second = first < 0 ? -1 : s.indexOf(", ", first + 2);
    return (second > 0 ? s.substring(0, second) : s).strip();
  }

  /** A group in words for a legend or a table: its display name and point, "LSTM, adding problem, T=50". */
  static String group(Experiment.Group g) {
    String p = point(g);
    return p.isEmpty() ? g.display() : g.display() + ", " + p;
  }

  /** {@code s} with its first letter in upper case, for titles. */
  static String capitalized(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
