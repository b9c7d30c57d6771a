package org.rnnlab.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.FloatKernels;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.seq2seq.EncoderDecoder;
import org.rnnlab.engine.seq2seq.EncoderDecoderF32;
import org.rnnlab.engine.seq2seq.EncoderDecoderNetwork;
import org.rnnlab.engine.seq2seq.EncoderDecoderNetworkF32;
import org.rnnlab.engine.seq2seq.Seq2Seq;
import org.rnnlab.engine.seq2seq.Seq2SeqShape;
import org.rnnlab.task.PairTask;
import org.rnnlab.task.PairTaskConfig;
import org.rnnlab.task.TaskConfig;

/**
 * {@code "model": {"type": "encoder_decoder", ...}}: an encoder that reads the source into a context
 * C and a decoder conditioned on C that writes the target (Sutskever et al. 2014; Cho et al. 2014;
 * Goodfellow et al. 10.4), both embedding their tokens, trained jointly by the {@code seq2seq}
 * procedure. C is the encoder's last state: the decoder starts from it (through a learned bridge
 * when the shapes differ or {@code bridge} is set), may read it at every step, and with
 * {@code attention} also reads a weighted sum of all encoder outputs at every step (Bahdanau et al.
 * 2015's additive score).
 */
public record EncoderDecoderModel(
    @Hyper(doc = "The recurrent cell of encoder and decoder, chosen by \"type\".") CellConfig cell,
    @Hyper(doc = "Units per encoder layer (per direction when bidirectional).", min = 1) Integer hiddenSize,
    @OptionalKey @Hyper(doc = "Units per decoder layer; absent: hidden_size.", min = 1) Integer decoderHiddenSize,
    @Hyper(doc = "Stacked layers of the encoder and of the decoder.", min = 1, defaultValue = "1") Integer numLayers,
    @Hyper(doc = "A bidirectional encoder (its context is both directions' final states, so the decoder starts "
        + "through the bridge).", defaultValue = "false") Boolean bidirectional,
    @Hyper(doc = "Dimension of the source and of the target token embeddings.", min = 1) Integer embeddingDim,
    @Hyper(doc = "Additive attention over the encoder's outputs at every decoder step (Bahdanau et al. 2015's "
        + "score; the readout reads [s_t; c_t]).", defaultValue = "false") Boolean attention,
    @OptionalKey @Hyper(doc = "Units of the attention's hidden layer; absent: the decoder's hidden size.", min = 1)
    Integer attentionSize,
    @Hyper(doc = "Start the decoder from tanh(W C + b) even when the encoder's final state could pass as it is.",
        defaultValue = "false") Boolean bridge,
    @Hyper(doc = "Feed the context C beside the embedded previous token at every decoder step (Cho et al. 2014).",
        defaultValue = "false") Boolean contextEveryStep,
    @Hyper(doc = "Initialiser of the input-to-hidden weights, the biases, the bridge, the attention and the readout.",
        defaultValue = "{\"type\": \"pytorch\"}") Initializer weightInit,
    @Hyper(doc = "Initialiser of the hidden-to-hidden (recurrent) weights.",
        defaultValue = "{\"type\": \"pytorch\"}") Initializer recurrentInit,
    @OptionalKey @Hyper(doc = "Arithmetic of the model and its training: float64 (the reference; absent means "
        + "float64) or float32 (the generated float32 engine; initial weights are the float64 ones rounded; greedy, "
        + "sampled and beam choices read the double log-softmax of the float logits).",
        allowed = {"float64", "float32"}) String precision) implements ModelConfig {
  /** This model's type name, as registered and written in its canonical config. */
  public static final String TYPE = "encoder_decoder";

  public EncoderDecoderModel {
    if (cell == null || hiddenSize == null || embeddingDim == null) {
      throw new IllegalArgumentException("an encoder_decoder model needs cell, hidden_size and embedding_dim");
    }
    numLayers = numLayers == null ? 1 : numLayers;
    bidirectional = bidirectional != null && bidirectional;
    attention = attention != null && attention;
    bridge = bridge != null && bridge;
    contextEveryStep = contextEveryStep != null && contextEveryStep;
    weightInit = weightInit == null ? new PyTorchInit() : weightInit;
    recurrentInit = recurrentInit == null ? new PyTorchInit() : recurrentInit;
    if (hiddenSize < 1 || numLayers < 1 || embeddingDim < 1 || (decoderHiddenSize != null && decoderHiddenSize < 1)
        || (attentionSize != null && attentionSize < 1)) {
      throw new IllegalArgumentException("encoder_decoder sizes must be >= 1");
    }
    // float64 is left out of the resolved config: trials planned before precision existed keep their hashes
    precision = Precision.of(precision) == Precision.FLOAT64 ? null : precision;
  }

  /** The arithmetic of the model and its training. */
  @Override
  public Precision arithmetic() {
    return Precision.of(precision);
  }

  /** The type id, written into the canonical config (the model's "type" is an existing property). */
  @JsonProperty("type")
  public String type() {
    return TYPE;
  }

  /** Units per decoder layer. */
  public int decoderUnits() {
    return decoderHiddenSize == null ? hiddenSize : decoderHiddenSize;
  }

  /** The layout of this config's model for {@code task}'s vocabularies. */
  public Seq2SeqShape shape(PairTask task) {
    return new Seq2SeqShape(task.sourceCodec().size(), task.targetCodec().size(), embeddingDim, cell, hiddenSize,
        decoderUnits(), numLayers, bidirectional, bridge, contextEveryStep,
        attention ? (attentionSize == null ? decoderUnits() : attentionSize) : 0);
  }

  /** The model of this config for {@code task}'s vocabularies, initialised from {@code rng}. */
  public EncoderDecoder build(PairTask task, Rng rng) {
    EncoderDecoder m = EncoderDecoder.of(shape(task));
    m.initialize(weightInit, recurrentInit, rng);
    return m;
  }

  /**
   * The model for {@code task} in this config's precision, initialised from {@code rng} as {@link #build} (in
   * float32: the same weights, rounded), trained by {@code optimizer} (null: to evaluate and decode only) with
   * {@code clip} (null: none).
   */
  public Seq2Seq network(PairTask task, Rng rng, OptimizerConfig optimizer, GradientClip clip) {
    EncoderDecoder m = build(task, rng);
    if (arithmetic() == Precision.FLOAT64) {
      return new EncoderDecoderNetwork(m, optimizer, clip);
    }
    EncoderDecoderF32 f = EncoderDecoderF32.of(shape(task)); // one layout for both: the same parameters, in order
    FloatKernels.toFloat(m.params().values(), 0, f.params().values(), 0, m.params().size());
    f.params().markChanged();
    return new EncoderDecoderNetworkF32(f, optimizer, clip);
  }

  @Override
  public List<ModelProblem> check(TaskConfig task) {
    List<ModelProblem> out = new ArrayList<>();
    if (!(task instanceof PairTaskConfig)) {
      out.add(new ModelProblem("/type", "an encoder_decoder reads a source and writes a target: the task must be a "
          + "sequence-to-sequence task (reversal, addition, g2p_cmudict)"));
    }
    if (cell.norm() instanceof RecurrentBatchNorm.Config) {
      out.add(new ModelProblem("/cell/norm", "batch norm keeps per-step statistics of one stack's training "
          + "sequences; an encoder-decoder supports layer norm or none"));
    }
    if (attentionSize != null && !attention) {
      out.add(new ModelProblem("/attention_size", "attention_size is for a model with attention: set attention true"));
    }
    return out;
  }
}
