package org.rnnlab.spec;

import java.util.Locale;
import org.rnnlab.model.ModelConfig;
import org.rnnlab.procedure.TrialConfig;

/**
 * Whether a resolved config can fit in memory at all: a lower bound of what any trial of it holds
 * at once, against this JVM's maximum heap. Without it {@code "hidden_size": 1e9} or
 * {@code "seq_len": 2e9} pass every range check and then fail each trial with an
 * OutOfMemoryError or an overflowed array size. The bound counts only what no procedure can do
 * without (so a spec that runs today is never refused): each layer's H x H recurrent matrix (an
 * echo-state network's ridge fit needs an H x H Gram matrix too), and the H states of every step
 * of one sequence, in doubles. It depends on the machine only through its heap, which is also
 * what {@code run} will have here.
 */
final class SizeCheck {
  private SizeCheck() {}

  /** A problem if {@code c} cannot fit in {@code heapBytes}, else null. */
  static Problem problem(TrialConfig c, long heapBytes) {
    ModelConfig m = c.model();
    double units = (double) m.hiddenSize() * (Boolean.TRUE.equals(m.bidirectional()) ? 2 : 1);
    double layers = m.numLayers();
    double length;
    try {
      int t = c.task().typicalLength();
      length = t < 0 ? Integer.MAX_VALUE : Math.max(1, t); // negative: the task's own arithmetic overflowed
    } catch (RuntimeException e) {
      return null; // the task's checks report it
    }
    double weights = 8 * layers * m.hiddenSize() * (double) m.hiddenSize();
    double states = 8 * length * units * layers;
    if (weights + states <= heapBytes) {
      return null;
    }
    String what = weights >= states
        ? String.format(Locale.ROOT, "%s recurrent weights of %d x %d alone", layers == 1 ? "the" : (long) layers
            + " layers'", m.hiddenSize(), m.hiddenSize())
        : String.format(Locale.ROOT, "the states of one sequence of %.0f steps x %.0f units alone", length,
            units * layers);
    String at = weights >= states ? "/model/hidden_size" : "/task";
    return new Problem(at, "too large to run: " + what + " need " + bytes(weights >= states ? weights : states)
        + " of memory, more than this JVM's maximum heap of " + bytes(heapBytes));
  }

  /** "1.5 GiB", "8.0 EiB". */
  static String bytes(double b) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    int u = 0;
    while (b >= 1024 && u < units.length - 1) {
      b /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", b, units[u]);
  }
}
