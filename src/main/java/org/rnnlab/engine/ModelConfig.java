package org.rnnlab.engine;

import org.rnnlab.config.Hyper;
import org.rnnlab.config.OptionalKey;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;

/** The "model" section: the network of a trial. Non-null after construction except {@code loss}. */
public record ModelConfig(
    @Hyper(doc = "The recurrent cell, chosen by \"type\".") CellConfig cell,
    @Hyper(doc = "Units per recurrent layer.", min = 1) Integer hiddenSize,
    @Hyper(doc = "Stacked recurrent layers.", min = 1, defaultValue = "1") Integer numLayers,
    @Hyper(doc = "Initialiser of the input-to-hidden weights and of the layer biases.",
        defaultValue = "{\"type\": \"pytorch\"}") Initializer weightInit,
    @Hyper(doc = "Initialiser of the hidden-to-hidden (recurrent) weights.",
        defaultValue = "{\"type\": \"pytorch\"}") Initializer recurrentInit,
    @OptionalKey @Hyper(doc = "Training loss; absent: the task's own (mse for regression, cross_entropy "
        + "for classification).") Loss loss) {
  public ModelConfig {
    if (cell == null || hiddenSize == null) {
      throw new IllegalArgumentException("model needs cell and hidden_size");
    }
    numLayers = numLayers == null ? 1 : numLayers;
    weightInit = weightInit == null ? new PyTorchInit() : weightInit;
    recurrentInit = recurrentInit == null ? new PyTorchInit() : recurrentInit;
    if (hiddenSize < 1 || numLayers < 1) {
      throw new IllegalArgumentException("model hidden_size and num_layers must be >= 1");
    }
  }

  /** The loss to train with: the configured one, or the task's (cross-entropy for classes, else MSE). */
  public Loss lossFor(boolean classification) {
    return loss != null ? loss : classification ? new CrossEntropyLoss() : new MseLoss();
  }

  /** A model of this config for the given shapes, initialised from {@code rng}. */
  public SequenceModel build(int inputSize, int outputs, ReadoutMode readout, boolean classification, Rng rng) {
    SequenceModel m = new SequenceModel(cell, inputSize, hiddenSize, numLayers, outputs, readout,
        lossFor(classification));
    m.initialize(weightInit, recurrentInit, rng);
    return m;
  }
}
