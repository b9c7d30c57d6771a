package org.rnnlab.engine.diag;

/**
 * One measurement of {@link JacobianProductProbe} for one layer: {@code logFrobenius[s][t]} and
 * {@code logSpectral[s][t]} are the natural logarithms of the Frobenius and spectral norms of
 * dh_{T-1}/ds_t for probe sequence s, s_t the layer's state after step t (h_t, and c_t for the
 * LSTM): the product of the T-1-t per-step Jacobians that Lemma 7.3.1 (seed 000, 7.3) bounds.
 * At t = T-1 the product is empty (the identity). {@code logSpectral} is null unless asked for;
 * -Infinity where the product is exactly zero.
 */
public record JacobianProducts(int layer, double[][] logFrobenius, double[][] logSpectral) {}
