package org.rnnlab.engine;

import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.optim.Optimizer;
import org.rnnlab.engine.state.StateReader;
import org.rnnlab.engine.state.StateWriter;

/** Counts updates and keeps, for each, the parameters before it and the gradient it got; then delegates. */
public final class RecordingOptimizer implements Optimizer {
  private final Optimizer inner;
  public final List<double[]> paramsBefore = new ArrayList<>();
  public final List<double[]> grads = new ArrayList<>();

  public RecordingOptimizer(Optimizer inner) {
    this.inner = inner;
  }

  @Override
  public void step(double[] params, double[] g) {
    paramsBefore.add(params.clone());
    grads.add(g.clone());
    inner.step(params, g);
  }

  @Override
  public void save(StateWriter out) {
    inner.save(out);
  }

  @Override
  public void restore(StateReader in) {
    inner.restore(in);
  }

  /** Number of updates so far. */
  public int count() {
    return grads.size();
  }
}
