package org.rnnlab.model;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.Float32Configs;
import org.rnnlab.engine.Network;
import org.rnnlab.engine.Precision;
import org.rnnlab.engine.Rng;
import org.rnnlab.engine.SequenceModel;
import org.rnnlab.engine.SequenceModelF32;
import org.rnnlab.engine.SequenceNetwork;
import org.rnnlab.engine.SequenceNetworkF32;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.init.SparseSpectralInit;
import org.rnnlab.engine.layer.BidirectionalLayer;
import org.rnnlab.engine.layer.BidirectionalLayerF32;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.task.TaskConfig;

/**
 * {@code "model": {"type": "rnn", ...}} (the default type): the network of a trial, composed as an
 * input (the task's real features, or an embedding of its token ids followed by its real features),
 * {@code num_layers} recurrent layers of one cell (each uni- or bidirectional; seed 000, 7.2.3-7.2.4),
 * and a linear readout at every step or at each sequence's last step, as the task places its
 * targets. Non-null after construction except the optional settings.
 *
 * <p>A bidirectional model with a last-step readout is well defined and allowed: the readout reads
 * each direction's state after it has read the whole sequence, [h_T(forward); h_1(backward)]
 * (PyTorch's h_n of both directions, the usual bidirectional sequence classifier), not the merged
 * output at step T, whose backward half would have read only x_T.
 */
public record RnnModel(
    @Hyper(doc = "The recurrent cell, chosen by \"type\".") CellConfig cell,
    @Hyper(doc = "Units per recurrent layer (per direction when bidirectional).", min = 1) Integer hiddenSize,
    @Hyper(doc = "Stacked recurrent layers.", min = 1, defaultValue = "1") Integer numLayers,
    @Hyper(doc = "Every layer bidirectional (PyTorch's bidirectional=True: a forward and a backward recurrence, "
        + "parameters *_reverse; layer k+1 reads both directions); needs full BPTT.",
        defaultValue = "false") Boolean bidirectional,
    @Hyper(doc = "How a bidirectional layer combines its directions: concat (PyTorch; with a linear readout the "
        + "seed's y = W(f) h(f) + W(b) h(b)) or sum (one readout matrix for both).", allowed = {"concat", "sum"},
        defaultValue = "\"concat\"") String merge,
    @OptionalKey @Hyper(doc = "Embedding dimension for a task whose inputs are token ids (required there); the "
        + "embedding (embedding.weight, N(0,1) as PyTorch's nn.Embedding) is followed by the task's real features.",
        min = 1) Integer embeddingDim,
    @Hyper(doc = "Initialiser of the input-to-hidden weights and of the layer biases.",
        defaultValue = "{\"type\": \"pytorch\"}") Initializer weightInit,
    @Hyper(doc = "Initialiser of the hidden-to-hidden (recurrent) weights.",
        defaultValue = "{\"type\": \"pytorch\"}") Initializer recurrentInit,
    @OptionalKey @Hyper(doc = "Initialiser of the readout weight and bias; absent: weight_init (e.g. Sutskever et al. "
        + "2013's W_out = 0.1 N(0,1): {\"type\": \"normal\", \"std\": 0.1}).") Initializer readoutInit,
    @OptionalKey @Hyper(doc = "Training loss; absent: the task's own (mse for regression, cross_entropy "
        + "for classification).") Loss loss,
    @OptionalKey @Hyper(doc = "Arithmetic of the model and its training: float64 (the reference; absent means "
        + "float64) or float32 (the generated float32 engine: bit-reproducible, about twice as fast; docs/float32-design.md).",
        allowed = {"float64", "float32"}) String precision) implements SequenceModelConfig {
  /** A float64 model (the settings before precision existed). */
  public RnnModel(CellConfig cell, Integer hiddenSize, Integer numLayers, Boolean bidirectional, String merge,
                  Integer embeddingDim, Initializer weightInit, Initializer recurrentInit, Initializer readoutInit,
                  Loss loss) {
    this(cell, hiddenSize, numLayers, bidirectional, merge, embeddingDim, weightInit, recurrentInit, readoutInit,
        loss, null);
  }

  public RnnModel {
    if (cell == null || hiddenSize == null) {
      throw new IllegalArgumentException("model needs cell and hidden_size");
    }
    numLayers = numLayers == null ? 1 : numLayers;
    bidirectional = bidirectional != null && bidirectional;
    merge = merge == null ? "concat" : merge;
    weightInit = weightInit == null ? new PyTorchInit() : weightInit;
    recurrentInit = recurrentInit == null ? new PyTorchInit() : recurrentInit;
    if (hiddenSize < 1 || numLayers < 1 || (embeddingDim != null && embeddingDim < 1)) {
      throw new IllegalArgumentException("model hidden_size, num_layers and embedding_dim must be >= 1");
    }
    if (!merge.equals("concat") && !merge.equals("sum")) {
      throw new IllegalArgumentException("merge must be concat or sum, got " + merge);
    }
    // float64 is the default and is left out of the resolved config, so that every trial planned before
    // precision existed keeps its config hash (and its results)
    precision = Precision.of(precision) == Precision.FLOAT64 ? null : precision;
  }

  /** The arithmetic of the model and its training. */
  @Override
  public Precision arithmetic() {
    return Precision.of(precision);
  }

  /** The loss to train with: the configured one, or the task's (cross-entropy for classes, else MSE). */
  public Loss lossFor(boolean classification) {
    return loss != null ? loss : classification ? new CrossEntropyLoss() : new MseLoss();
  }

  @Override
  public List<ModelProblem> check(TaskConfig task) {
    List<ModelProblem> out = new ArrayList<>();
    if (task.tokenInputs() && embeddingDim == null) {
      out.add(new ModelProblem("/embedding_dim", "the task's inputs are token ids: give the embedding's dimension"));
    }
    if (recurrentInit instanceof SparseSpectralInit s && s.inputsPerUnit() > hiddenSize) {
      out.add(new ModelProblem("/recurrent_init/inputs_per_unit", "inputs_per_unit " + s.inputsPerUnit()
          + " is more than the " + hiddenSize + " units a unit can read (hidden_size): give at most " + hiddenSize));
    }
    if (cell.norm() instanceof RecurrentBatchNorm.Config bn) {
      OptionalInt longest = task.longestSequence();
      if (longest.isPresent() && bn.maxSteps() < longest.getAsInt()) {
        out.add(new ModelProblem("/cell/norm/max_steps", "batch norm max_steps " + bn.maxSteps()
            + " is shorter than the task's longest training sequence (" + longest.getAsInt() + " steps): give "
            + "max_steps >= " + longest.getAsInt()));
      }
    }
    return out;
  }

  /** The model of this config in its precision for {@code shape}, initialised from {@code rng} as {@link #build}. */
  @Override
  public Network network(ModelShape shape, Rng rng) {
    return arithmetic() == Precision.FLOAT64 ? new SequenceNetwork(build(shape, rng))
        : new SequenceNetworkF32(buildF32(shape, rng));
  }

  /**
   * The float32 model of this config: the same layers, and initial weights that are exactly the float64
   * model's (same draws from {@code rng}) rounded to float.
   */
  public SequenceModelF32 buildF32(ModelShape shape, Rng rng) {
    SequenceModelF32.Builder b = SequenceModelF32.builder();
    if (shape.vocabulary() > 0) {
      b.embedding(shape.vocabulary(), embeddingDim(shape), shape.features(), 1.0f);
    } else {
      b.input(shape.features());
    }
    BidirectionalLayerF32.Merge m = merge.equals("sum") ? BidirectionalLayerF32.Merge.SUM
        : BidirectionalLayerF32.Merge.CONCAT;
    b.layers(Float32Configs.cell(cell), hiddenSize, numLayers, bidirectional, bidirectional ? m : null);
    SequenceModelF32 model = b.readout(shape.outputs(), shape.readout())
        .loss(Float32Configs.loss(lossFor(shape.classification()))).build();
    model.initialize(weightInit, recurrentInit, rng);
    if (readoutInit != null) {
      model.initializeReadout(readoutInit, rng);
    }
    model.setStateNoise(rng.child("state_noise"));
    return model;
  }

  private int embeddingDim(ModelShape shape) {
    if (embeddingDim == null) {
      throw new IllegalArgumentException("the task's inputs are token ids: the model needs embedding_dim");
    }
    return embeddingDim;
  }

  /** The float64 model of this config for {@code shape}, initialised from {@code rng}. */
  @Override
  public SequenceModel build(ModelShape shape, Rng rng) {
    int features = shape.features();
    int vocabulary = shape.vocabulary();
    SequenceModel.Builder b = SequenceModel.builder();
    if (vocabulary > 0) {
      b.embedding(vocabulary, embeddingDim(shape), features, 1.0);
    } else {
      b.input(features);
    }
    BidirectionalLayer.Merge m = merge.equals("sum") ? BidirectionalLayer.Merge.SUM : BidirectionalLayer.Merge.CONCAT;
    b.layers(cell, hiddenSize, numLayers, bidirectional, bidirectional ? m : null);
    SequenceModel model = b.readout(shape.outputs(), shape.readout()).loss(lossFor(shape.classification())).build();
    model.initialize(weightInit, recurrentInit, rng);
    if (readoutInit != null) {
      model.initializeReadout(readoutInit, rng);
    }
    model.setStateNoise(rng.child("state_noise")); // read only by batch norm with initial_state_noise
    return model;
  }
}
