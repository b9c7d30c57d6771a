package org.rnnlab.model;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.rnnlab.config.Component;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.task.TaskConfig;

/**
 * The {@code "model"} section of a spec, chosen by {@code "type"} (one record, one registration line
 * in {@code Registries.MODELS}); absent, the type is {@code rnn}, so that every spec written before
 * model types reads as before. The type id is an existing property: a model writes its own
 * {@code "type"}, and {@code rnn} writes none, which keeps every recurrent trial's canonical config
 * (its identity) unchanged. A procedure names the kind of model it fits ({@link SequenceModelConfig}
 * for bptt, {@link EsnModel} for ridge) and refuses other types at validate.
 *
 * <p>The structural queries below have the answers of one unidirectional layer reading real
 * features with the task's own loss; a model type overrides those it configures.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
    defaultImpl = RnnModel.class)
public interface ModelConfig extends Component {
  /** Units of a recurrent layer (per direction when bidirectional; a reservoir's units). */
  Integer hiddenSize();

  /** The arithmetic the model computes and trains in. */
  default org.rnnlab.engine.Precision arithmetic() {
    return org.rnnlab.engine.Precision.FLOAT64;
  }

  /** Stacked recurrent layers. */
  default Integer numLayers() {
    return 1;
  }

  /** Whether the layers read the sequence in both directions. */
  default Boolean bidirectional() {
    return false;
  }

  /** The dimension of the token embedding; null: none. */
  default Integer embeddingDim() {
    return null;
  }

  /** The configured training loss; null: the task's own. */
  default Loss loss() {
    return null;
  }

  /**
   * What this model cannot do, alone or for {@code task} (as far as its config tells without
   * creating it, so that validate reads no data), each problem with a pointer relative to the model;
   * empty if none.
   */
  List<ModelProblem> check(TaskConfig task);
}
