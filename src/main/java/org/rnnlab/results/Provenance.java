package org.rnnlab.results;

/**
 * What produced a trial's numbers and how long it took: the spec and code versions, the JVM, OS,
 * processor and host, the threads of the run, and the trial's wall time. Any field may be null in
 * files written by an incomplete writer.
 */
public record Provenance(
    String specSha256,
    String codeVersion,
    String jvm,
    String os,
    String cpu,
    String host,
    Integer threads,
    Double wallSeconds) {}
