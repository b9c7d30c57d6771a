package org.rnnlab.run;

import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.task.TaskConfig;

/**
 * Everything one training run needs, resolved from a spec cell.
 *
 * @param seed       the cell's seed (initialisation, training data, shuffling)
 * @param testSeed   seed of the test set; shared by all variants of one sweep point and seed
 *                   index, so variants are compared on the same sequences
 * @param loss       null for the task's default loss
 * @param clipping   null for none
 * @param truncation null for full BPTT
 * @param trainSize  null for a fresh batch at every step
 */
public record TrainingSetup(
    long seed,
    long testSeed,
    TaskConfig task,
    CellConfig cell,
    int hiddenSize,
    int numLayers,
    Initializer weightInit,
    Initializer recurrentInit,
    Loss loss,
    OptimizerConfig optimizer,
    GradientClip clipping,
    int batchSize,
    int steps,
    Integer truncation,
    Integer trainSize,
    int evalEvery,
    int testSize) {}
