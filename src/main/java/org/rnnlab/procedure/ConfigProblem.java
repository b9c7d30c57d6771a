package org.rnnlab.procedure;

/** A problem of a resolved trial config: where (a JSON pointer into the config) and what is wrong. */
public record ConfigProblem(String pointer, String message) {}
