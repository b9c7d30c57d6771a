/**
 * Generation from a trained model, written once over a model's step function ({@link
 * org.rnnlab.generate.StepFunction}) so that the language model and the encoder-decoder's decoder
 * share it: sampling at a temperature, greedy decoding, beam search, and the model's log-probability
 * of a given continuation. Depends on engine only.
 */
package org.rnnlab.generate;
