package org.rnnlab.engine;

import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.CellConfigF32;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.ElmanLayerF32;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.GruLayerF32;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.cell.LstmLayerF32;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.CrossEntropyLossF32;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.LossF32;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.loss.MseLossF32;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.norm.LayerNormF32;
import org.rnnlab.engine.norm.NormConfig;
import org.rnnlab.engine.norm.NormConfigF32;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.norm.RecurrentBatchNormF32;

/**
 * The float32 engine's config of each spec config: a spec names one record per cell, norm and loss,
 * and its generated float twin takes the same settings, real numbers rounded to float. A new cell,
 * norm or loss adds one line here (Float32ConfigsTest fails for a registered type without one).
 */
public final class Float32Configs {
  private Float32Configs() {}

  /** The float32 twin of a cell config. */
  public static CellConfigF32 cell(CellConfig c) {
    NormConfigF32 n = norm(c.norm());
    if (c instanceof LstmLayer.Config l) {
      return new LstmLayerF32.Config(l.forgetBias().floatValue(), n);
    }
    if (c instanceof GruLayer.Config g) {
      return new GruLayerF32.Config(g.resetAfter(), n);
    }
    if (c instanceof ElmanLayer.Config e) {
      return new ElmanLayerF32.Config(e.nonlinearity(), n);
    }
    throw new IllegalArgumentException("the " + c.getClass().getSimpleName() + " cell has no float32 twin");
  }

  /** The float32 twin of a norm config (null: none). */
  public static NormConfigF32 norm(NormConfig c) {
    if (c == null) {
      return null;
    }
    if (c instanceof LayerNorm.Config l) {
      return new LayerNormF32.Config(l.epsilon().floatValue(), l.gain().floatValue());
    }
    if (c instanceof RecurrentBatchNorm.Config b) {
      return new RecurrentBatchNormF32.Config(b.maxSteps(), b.epsilon().floatValue(), b.gain().floatValue(),
          b.momentum().floatValue(), b.initialStateNoise().floatValue());
    }
    throw new IllegalArgumentException("the " + c.getClass().getSimpleName() + " norm has no float32 twin");
  }

  /** The float32 twin of a loss. */
  public static LossF32 loss(Loss c) {
    if (c instanceof MseLoss) {
      return new MseLossF32();
    }
    if (c instanceof CrossEntropyLoss) {
      return new CrossEntropyLossF32();
    }
    throw new IllegalArgumentException("the " + c.getClass().getSimpleName() + " loss has no float32 twin");
  }
}
