package org.rnnlab.engine.diag;

/**
 * One measurement of {@link GradientFlowProbe}: {@code hidden[layer][t]} = ||dL/dh_t|| and, for
 * cells with a cell state, {@code cell[layer][t]} = ||dL/dc_t|| (h_t held fixed), each the
 * Frobenius norm over the probe batch, t = 0..T-1 counting from the start of the sequence (the
 * distance from the loss is T-1-t). {@code cell} is null for cells whose state is h alone.
 */
public record GradientFlow(double loss, double[][] hidden, double[][] cell) {}
