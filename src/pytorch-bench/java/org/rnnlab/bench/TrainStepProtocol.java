package org.rnnlab.bench;

import org.rnnlab.engine.Batch;

/**
 * The protocol of {@link TrainStepBenchmark} (batch size, sequence length, the adding-problem batch),
 * opened to the PyTorch benchmark in {@code org.rnnlab.bench.pytorch} so that both
 * time the very same batch. Compiled only with the Maven profile {@code pytorch}.
 */
public final class TrainStepProtocol {
  private TrainStepProtocol() {}

  public static final int BATCH = TrainStepBenchmark.BATCH;
  public static final int STEPS = TrainStepBenchmark.STEPS;

  /** The batch {@link TrainStepBenchmark#setup} trains on, inputs time-major {@code [T][B][input]}. */
  public static Batch addingBatch(int input) {
    return TrainStepBenchmark.batch(input);
  }
}
