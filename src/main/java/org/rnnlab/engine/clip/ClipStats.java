package org.rnnlab.engine.clip;

/**
 * What a clipping rule did in one update.
 *
 * @param normBefore   L2 norm of the gradient the after-backward stage received (for
 *                     {@code per_timestep} already shaped by the clipping inside BPTT)
 * @param normAfter    L2 norm of the gradient handed to the optimiser
 * @param fired        whether the rule changed anything in this update (at any stage)
 * @param calibrating  whether a relative threshold was still being calibrated in this update
 *                     (its rule then clips nothing)
 * @param stepsClipped {@code per_timestep}: the number of (layer, step) errors in which at least
 *                     one element was clipped in this update; 0 for the other rules
 */
public record ClipStats(double normBefore, double normAfter, boolean fired, boolean calibrating, int stepsClipped) {
  /** An update in which nothing was changed. */
  public static ClipStats unchanged(double norm, boolean calibrating) {
    return new ClipStats(norm, norm, false, calibrating, 0);
  }
}
