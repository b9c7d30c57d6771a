package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.LstmLayerF32;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.norm.NormConfig;
import org.rnnlab.engine.norm.RecurrentBatchNormF32;
import org.rnnlab.spec.Catalog;
import org.rnnlab.spec.Registries;

/**
 * Every registered cell, norm and loss has a float32 twin config ({@link Float32Configs}), so that a new one
 * cannot be registered without it; settings carry over, real numbers rounded to float.
 */
class Float32ConfigsTest {
  private static final ObjectMapper JSON = Catalog.standard().mapper();

  @Test
  void everyRegisteredCellNormAndLossHasATwin() throws Exception {
    for (String cell : Registries.CELLS.names()) {
      for (String norm : Registries.NORMS.names()) {
        String n = norm.equals("batch") ? "{\"type\": \"batch\", \"max_steps\": 10}" : "{\"type\": \"" + norm + "\"}";
        CellConfig c = JSON.readValue("{\"type\": \"" + cell + "\", \"norm\": " + n + "}", CellConfig.class);
        assertNotNull(Float32Configs.cell(c), cell + " with " + norm);
      }
    }
    for (String loss : Registries.LOSSES.names()) {
      assertNotNull(Float32Configs.loss(JSON.readValue("{\"type\": \"" + loss + "\"}", Loss.class)), loss);
    }
  }

  @Test
  void settingsCarryOverRounded() throws Exception {
    CellConfig c = JSON.readValue("{\"type\": \"lstm\", \"forget_bias\": 0.1}", CellConfig.class);
    assertEquals(0.1f, ((LstmLayerF32.Config) Float32Configs.cell(c)).forgetBias(), 0.0f);
    NormConfig bn = JSON.readValue("{\"type\": \"batch\", \"max_steps\": 7, \"gain\": 0.3, \"momentum\": 0.2}",
        NormConfig.class);
    RecurrentBatchNormF32.Config f = (RecurrentBatchNormF32.Config) Float32Configs.norm(bn);
    assertEquals(7, f.maxSteps());
    assertEquals(0.3f, f.gain(), 0.0f);
    assertEquals(0.2f, f.momentum(), 0.0f);
  }
}
