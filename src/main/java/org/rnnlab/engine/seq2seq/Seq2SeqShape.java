package org.rnnlab.engine.seq2seq;

import org.rnnlab.engine.cell.CellConfig;

/**
 * The layout of an encoder-decoder, what {@link EncoderDecoder#of} (and its float32 twin) builds from, so that both
 * precisions are declared once: vocabularies, embedding dimension, cell, sizes and options.
 *
 * @param attention units of the attention's hidden layer; 0: no attention
 */
public record Seq2SeqShape(int sourceVocabulary, int targetVocabulary, int embeddingDim, CellConfig cell,
                           int encoderHidden, int decoderHidden, int layers, boolean bidirectional, boolean bridge,
                           boolean contextEveryStep, int attention) {}
