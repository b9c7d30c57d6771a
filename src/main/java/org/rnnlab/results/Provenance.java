package org.rnnlab.results;

import java.util.Map;

/**
 * What produced a trial's numbers and how long it took: the spec and code versions, the JVM, OS,
 * processor and host, the threads of the run, the trial's wall time, and the SHA-256 of every
 * dataset file the trial read ({@code "sunspots/sunspots.csv"} to its digest, sorted; empty for
 * a generated task), each checked against the dataset's pinned manifest before it was parsed, and the
 * arithmetic of the model ({@code "float64"} or {@code "float32"}, also in the resolved config when float32).
 * Any field may be null in files written by an incomplete writer, and {@code dataSha256} and {@code precision}
 * are null in files written before they were recorded (all float64 then).
 */
public record Provenance(
    String specSha256,
    String codeVersion,
    String jvm,
    String os,
    String cpu,
    String host,
    Integer threads,
    Double wallSeconds,
    Map<String, String> dataSha256,
    String precision) {

  public Provenance {
    dataSha256 = dataSha256 == null ? null : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dataSha256));
  }

  /** Provenance without dataset digests (a writer that read no dataset, or an older file). */
  public Provenance(String specSha256, String codeVersion, String jvm, String os, String cpu, String host,
                    Integer threads, Double wallSeconds) {
    this(specSha256, codeVersion, jvm, os, cpu, host, threads, wallSeconds, null, null);
  }

  /** Provenance without the arithmetic (an older file: float64, the only one then). */
  public Provenance(String specSha256, String codeVersion, String jvm, String os, String cpu, String host,
                    Integer threads, Double wallSeconds, Map<String, String> dataSha256) {
    this(specSha256, codeVersion, jvm, os, cpu, host, threads, wallSeconds, dataSha256, null);
  }
}
