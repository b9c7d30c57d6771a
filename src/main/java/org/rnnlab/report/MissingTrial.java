package org.rnnlab.report;

/**
 * A planned trial without a usable result, and why: not run yet, failed, running, ran with
 * another config, written by an older rnnlab, or damaged (a file does not match its digest).
 */
public record MissingTrial(String trial, String group, String reason) {}
