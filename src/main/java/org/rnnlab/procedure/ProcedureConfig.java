package org.rnnlab.procedure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.rnnlab.config.Component;
import org.rnnlab.results.MeasureName;

/**
 * The spec record of a training procedure, the {@code "training"} section chosen by its
 * {@code "type"}: how a trial's model is fitted (gradient descent through time, a closed-form
 * readout, ...). One class, one registration line in {@code Registries.PROCEDURES}.
 */
public interface ProcedureConfig extends Component {
  /** The procedure, ready to run one trial. */
  Procedure create();

  /**
   * The final metrics a trial of {@code config} reports, in order: what claims and
   * {@code report.main_metric} may name.
   */
  List<String> metrics(TrialConfig config);

  /**
   * The learning-curve scalars (curve.csv) a trial of {@code config} records: what a
   * {@code learning_curve} chart may name. Names from {@code results.Measures}.
   */
  List<MeasureName> curve(TrialConfig config);

  /**
   * The series (series.csv) a trial of {@code config} records, families where the names are only
   * known at run time: what series charts may name. Names from {@code results.Measures}.
   */
  List<MeasureName> series(TrialConfig config);

  /**
   * What this procedure cannot do with the rest of {@code config} (e.g. truncated BPTT through a
   * bidirectional layer), each problem with the JSON pointer it belongs to; empty if none.
   */
  default List<ConfigProblem> check(TrialConfig config) {
    return List.of();
  }

  /**
   * The relative cost of a trial of {@code config} (e.g. updates x sequence length x hidden^2),
   * so that a run mixing short and long trials gets an honest ETA. Only ratios matter.
   */
  double cost(TrialConfig config);

  /**
   * Measures a stored model of a trial of this procedure on the trial's evaluation sets, as the
   * trial measured it at its end: the final metrics of those sets, bit for bit.
   *
   * @param stateDict the model's parameters and buffers as the trial kept them ({@code ParamsIO})
   * @throws UnsupportedOperationException if this procedure keeps no model
   */
  default Map<String, Double> evaluate(Trial trial, ObjectNode stateDict) {
    throw new UnsupportedOperationException("a " + getClass().getSimpleName() + " trial keeps no model");
  }
}
