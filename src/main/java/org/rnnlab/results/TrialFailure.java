package org.rnnlab.results;

/**
 * failures/TRIAL.json: a trial whose procedure threw. It is not a result: the next run tries the
 * trial again (and removes this record when it succeeds); status lists it as failed.
 */
public record TrialFailure(String format, String trial, String configSha256, String error, Provenance provenance) {
  public static final String FORMAT = "rnnlab-failure/1";
}
