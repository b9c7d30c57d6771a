package org.rnnlab.report;

/** A cell directory without a usable {@code result.json}, and why it is unusable. */
record MissingCell(String cell, String reason) {}
