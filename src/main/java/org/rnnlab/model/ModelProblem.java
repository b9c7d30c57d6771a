package org.rnnlab.model;

/** A problem of a model config: a JSON pointer relative to the model ("" is the model itself) and what is wrong. */
public record ModelProblem(String pointer, String message) {}
