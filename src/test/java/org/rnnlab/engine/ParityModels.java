package org.rnnlab.engine;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.Params.Param;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.layer.BidirectionalLayer.Merge;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;

/** The cells and random models of the parity tests (ours against a naive reference, and against PyTorch). */
public final class ParityModels {
  private ParityModels() {}

  /** Dimensions of every parity case: small, and all different, so that a transposed index shows. */
  public static final int IN = 3;
  public static final int HID = 5;
  public static final int OUT = 2;
  public static final int T = 7;
  public static final int B = 4;

  /** A cell type with a reference formulation. */
  public enum Kind { ELMAN_TANH, ELMAN_RELU, LSTM, GRU_RESET_AFTER, GRU_RESET_BEFORE }

  /** The engine's configuration of a cell type. */
  public static CellConfig config(Kind kind) {
    return switch (kind) {
      case ELMAN_TANH -> new ElmanLayer.Config("tanh");
      case ELMAN_RELU -> new ElmanLayer.Config("relu");
      case LSTM -> new LstmLayer.Config(1.0);
      case GRU_RESET_AFTER -> new GruLayer.Config(true);
      case GRU_RESET_BEFORE -> new GruLayer.Config(false);
    };
  }

  /** Embedded parity models: token ids 0..VOCAB-1, vectors of DIM, FEATURES real features beside them. */
  public static final int VOCAB = 9;
  public static final int DIM = 3;
  public static final int FEATURES = 2;

  /**
   * A model of the parity dimensions with N(0, 0.5^2) weights and every bias random: the initialisers leave some biases at
   * constants (the LSTM forget gate's bias_hh block at 0), and a non-zero b_hn is what tells the
   * GRU's reset-after formula from the reset-before one.
   */
  public static SequenceModel model(Kind kind, int layers, ReadoutMode mode, long seed) {
    return randomised(SequenceModel.builder().input(IN).layers(config(kind), HID, layers), mode, seed);
  }

  /** The same with {@code layers} bidirectional layers. */
  public static SequenceModel bidirectional(Kind kind, int layers, Merge merge, ReadoutMode mode, long seed) {
    return randomised(SequenceModel.builder().input(IN).layers(config(kind), HID, layers, true, merge), mode, seed);
  }

  /** An embedding (N(0, 1), as nn.Embedding) with FEATURES real features, then one bidirectional layer (concat). */
  public static SequenceModel embedded(Kind kind, ReadoutMode mode, long seed) {
    return randomised(SequenceModel.builder().embedding(VOCAB, DIM, FEATURES, 1.0)
        .layers(config(kind), HID, 1, true, Merge.CONCAT), mode, seed);
  }

  /**
   * Language-model parity models: Moby-Dick's 83 characters (ten 8-wide vector bodies and a
   * scalar tail of 3 in the readout and the softmax), an embedding of LM_DIM, LM_HID units (an
   * 8-wide body and a tail of 5, 52 LSTM gates).
   */
  public static final int LM_VOCAB = 83;
  public static final int LM_DIM = 6;
  public static final int LM_HID = 13;

  /**
   * A language model of the parity dimensions: token ids embedded in LM_DIM (or, {@code oneHot},
   * LM_VOCAB one-hot real features), {@code layers} unidirectional layers of LM_HID, a readout of
   * LM_VOCAB logits at every step and the softmax cross-entropy; weights and biases as {@link #model}.
   */
  public static SequenceModel languageModel(Kind kind, int layers, boolean oneHot, long seed) {
    SequenceModel.Builder b = oneHot ? SequenceModel.builder().input(LM_VOCAB)
        : SequenceModel.builder().embedding(LM_VOCAB, LM_DIM);
    return randomised(b.layers(config(kind), LM_HID, layers), LM_VOCAB, ReadoutMode.EVERY_STEP,
        new CrossEntropyLoss(), seed);
  }

  /**
   * PyTorch's names of {@code layers} bidirectional layers and the readout, in declaration order:
   * per layer k, the forward direction's four parameters, then the reverse direction's.
   */
  public static List<String> bidirectionalNames(int layers) {
    List<String> names = new ArrayList<>();
    for (int k = 0; k < layers; k++) {
      for (String suffix : new String[] {"", "_reverse"}) {
        for (String w : new String[] {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"}) {
          names.add(w + k + suffix);
        }
      }
    }
    names.add("readout.weight");
    names.add("readout.bias");
    return names;
  }

  private static SequenceModel randomised(SequenceModel.Builder b, ReadoutMode mode, long seed) {
    return randomised(b, OUT, mode, new MseLoss(), seed);
  }

  private static SequenceModel randomised(SequenceModel.Builder b, int outputs, ReadoutMode mode, Loss loss, long seed) {
    SequenceModel m = b.readout(outputs, mode).loss(loss).build();
    m.initialize(new NormalInit(0.5), new NormalInit(0.5), Rng.of(seed));
    Rng r = Rng.of(seed).child("biases");
    for (Param p : m.params().list()) {
      if (p.kind() == Params.Kind.BIAS) {
        for (int i = 0; i < p.size(); i++) {
          m.params().values()[p.offset() + i] = 0.5 * r.gaussian();
        }
      }
    }
    return m;
  }
}
