package org.rnnlab.report;

/**
 * The verdict on one claim of an experiment.
 *
 * @param text the claim as written in the spec
 * @param verdict pass, fail, or not evaluated (no trial of its groups has a result yet)
 * @param measured the statistic over the ok seeds of the matching groups, NaN if not measurable
 * @param detail a one-line explanation: what was measured over which cells, or why nothing was
 */
public record ClaimResult(String text, Verdict verdict, double measured, String detail) {
  /** What became of a claim. */
  public enum Verdict {
    PASS("PASS"),
    FAIL("FAIL"),
    /**
     * No trial of the claim's groups (or of its reference's) has a result: nothing was measured,
     * so nothing failed either. Listed, but not a failure for {@code --strict} or {@code verify}.
     */
    NOT_EVALUATED("NOT EVALUATED");

    private final String word;

    Verdict(String word) {
      this.word = word;
    }

    /** The verdict as reports and the console print it. */
    public String word() {
      return word;
    }
  }

  /** Whether the claim holds. */
  public boolean passed() {
    return verdict == Verdict.PASS;
  }

  /** Whether the claim was measured and does not hold (or cannot hold: e.g. no ok seed measured it). */
  public boolean failed() {
    return verdict == Verdict.FAIL;
  }

  /** Whether there were results to evaluate the claim on. */
  public boolean evaluated() {
    return verdict != Verdict.NOT_EVALUATED;
  }
}
