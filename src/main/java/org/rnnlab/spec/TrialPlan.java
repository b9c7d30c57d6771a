package org.rnnlab.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnlab.procedure.TrialConfig;

/**
 * One trial of an experiment: one variant at one sweep point with one seed (an experiment-grid
 * "cell" in older versions; "cell" now means only a recurrent cell).
 *
 * @param index        position in the plan's run order, 0-based
 * @param id           directory-safe and unique in the plan, e.g. {@code lstm__seq_len-100__s0}
 *                     ({@code lstm__task-adding_t50__s0} for a named point)
 * @param variant      the variant name ({@code base} when the spec has no variants)
 * @param group        the variant and sweep point, e.g. {@code lstm seq_len=100} or
 *                     {@code lstm task=adding_t50}; trials of a group differ only by seed
 * @param sweepPoint   sweep key to its value (Integer, Long, Double, String or Boolean), or to the
 *                     point's name (a String) for named points, in sweep order; empty without a
 *                     sweep. The value a named point puts into the config is in {@code config}
 * @param seedIndex    0 .. seeds-1
 * @param seed         the trial's seed; a function of root_seed, variant, sweep point and seed index only
 * @param testSeed     seed of the evaluation sets; the same for every variant at one sweep point and seed index
 * @param config       the resolved, typed config
 * @param canonicalJson the resolved config with defaults filled in, plus "seed" and "test_seed":
 *                     compact JSON with sorted keys; everything a run depends on besides the code
 * @param sha256       SHA-256 of canonicalJson (UTF-8), hex; equal hashes mean the same run
 */
public record TrialPlan(
    int index,
    String id,
    String variant,
    String group,
    Map<String, Object> sweepPoint,
    int seedIndex,
    long seed,
    long testSeed,
    TrialConfig config,
    String canonicalJson,
    String sha256) {
  public TrialPlan {
    sweepPoint = Collections.unmodifiableMap(new LinkedHashMap<>(sweepPoint));
  }
}
