package org.rnnlab.engine;

import java.util.List;
import org.rnnlab.engine.clip.ClipStats;

/**
 * Outcome of one minibatch of a {@link Trainer} (of either precision).
 *
 * @param loss     mean loss over the spans with targets
 * @param gradNorm the largest gradient norm before the after-backward clipping over its updates
 * @param clips    what the clipping rule did in each update of this minibatch, in order (one
 *                 with full BPTT; one per segment with a target under truncation)
 */
public record StepResult(double loss, double gradNorm, List<ClipStats> clips) {}
