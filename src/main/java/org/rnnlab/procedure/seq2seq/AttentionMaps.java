package org.rnnlab.procedure.seq2seq;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnlab.engine.seq2seq.EncoderDecoder;
import org.rnnlab.engine.seq2seq.Seq2Seq;
import org.rnnlab.engine.seq2seq.PairBatch;
import org.rnnlab.procedure.Recorder;
import org.rnnlab.task.PairSet;
import org.rnnlab.task.PairTask;
import org.rnnlab.task.TokenCodec;

/**
 * Where an attention model looks (Bahdanau et al. 2015, fig. 3): for the first test sources, the
 * output it writes greedily and the weights alpha_{t,j} over the source positions j at every output
 * step t, from a forward pass fed its own output. Series {@code attention.<k>} holds example k's
 * weights row by row (output step, then source position); the text {@code attention} holds its source
 * and output symbols, one line each, with the number of rows and columns.
 */
final class AttentionMaps {
  private AttentionMaps() {}

  static void record(Seq2Seq model, PairTask task, PairSet test, int count, int maxLength, long step,
                     Recorder rec) {
    int n = Math.min(count, test.size());
    List<int[]> sources = test.sources().subList(0, n);
    PairBatch src = PairSet.batchOf(sources, sources.stream().map(s -> new int[0]).toList());
    model.setTraining(false);
    int[][] out = model.greedyDecode(src.source(), src.sourceLengths(), maxLength + 1);
    List<int[]> outputs = new ArrayList<>();
    for (int[] o : out) {
      int len = o.length > 0 && o[o.length - 1] == PairBatch.END ? o.length - 1 : o.length;
      outputs.add(java.util.Arrays.copyOf(o, len));
    }
    PairBatch b = PairSet.batchOf(sources, outputs); // targets: each output and the end symbol
    int[] fed = new int[b.targetSteps() * b.size()];
    EncoderDecoder.teacherForcing(b, fed);
    model.loss(b, fed);
    double[][][] alpha = model.attentionWeights();
    for (int k = 0; k < n; k++) {
      int rows = b.targetLengths()[k];
      int cols = b.sourceLengths()[k];
      double[] flat = new double[rows * cols];
      for (int t = 0; t < rows; t++) {
        System.arraycopy(alpha[t][k], 0, flat, t * cols, cols);
      }
      rec.series(Seq2SeqTraining.ATTENTION + k, step, flat);
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("example", (double) k);
      values.put("rows", (double) rows);
      values.put("cols", (double) cols);
      String text = symbols(task.sourceCodec(), sources.get(k)) + "\n"
          + symbols(task.targetCodec(), b, k);
      rec.text(Seq2SeqTraining.ATTENTION_TEXT, step, values, text);
    }
    model.setTraining(true);
  }

  private static String symbols(TokenCodec codec, int[] ids) {
    StringBuilder s = new StringBuilder();
    for (int id : ids) {
      s.append(s.length() == 0 ? "" : " ").append(codec.symbol(id));
    }
    return s.toString();
  }

  private static String symbols(TokenCodec codec, PairBatch b, int k) {
    int[] ids = new int[b.targetLengths()[k]];
    for (int t = 0; t < ids.length; t++) {
      ids[t] = b.target(t, k);
    }
    return symbols(codec, ids);
  }
}
