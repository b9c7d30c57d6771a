package org.rnnlab.procedure;

/** Training state an earlier attempt of a trial saved after update {@code update}, to resume from. */
public record Resume(long update, byte[] state) {}
