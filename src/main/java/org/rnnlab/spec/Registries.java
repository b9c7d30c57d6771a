package org.rnnlab.spec;

import java.util.List;
import org.rnnlab.engine.cell.CellConfig;
import org.rnnlab.engine.cell.ElmanLayer;
import org.rnnlab.engine.cell.GruLayer;
import org.rnnlab.engine.cell.LstmLayer;
import org.rnnlab.engine.clip.GlobalNormClip;
import org.rnnlab.engine.clip.GradientClip;
import org.rnnlab.engine.clip.NoClip;
import org.rnnlab.engine.clip.PerMatrixNormClip;
import org.rnnlab.engine.clip.PerTimestepClip;
import org.rnnlab.engine.clip.ValueClip;
import org.rnnlab.engine.init.GlorotInit;
import org.rnnlab.engine.init.IdentityInit;
import org.rnnlab.engine.init.Initializer;
import org.rnnlab.engine.init.NormalInit;
import org.rnnlab.engine.init.OrthogonalInit;
import org.rnnlab.engine.init.PyTorchInit;
import org.rnnlab.engine.init.SparseSpectralInit;
import org.rnnlab.engine.init.UniformFanInInit;
import org.rnnlab.engine.loss.CrossEntropyLoss;
import org.rnnlab.engine.loss.Loss;
import org.rnnlab.engine.loss.MseLoss;
import org.rnnlab.engine.norm.LayerNorm;
import org.rnnlab.engine.norm.NormConfig;
import org.rnnlab.engine.norm.RecurrentBatchNorm;
import org.rnnlab.engine.optim.Adam;
import org.rnnlab.engine.optim.OptimizerConfig;
import org.rnnlab.engine.optim.RmsProp;
import org.rnnlab.engine.optim.Sgd;
import org.rnnlab.model.EncoderDecoderModel;
import org.rnnlab.model.EsnModel;
import org.rnnlab.model.ModelConfig;
import org.rnnlab.model.OutputRecurrenceModel;
import org.rnnlab.model.RnnModel;
import org.rnnlab.procedure.bptt.BpttTraining;
import org.rnnlab.procedure.ProcedureConfig;
import org.rnnlab.procedure.RidgeTraining;
import org.rnnlab.procedure.seq2seq.Seq2SeqTraining;
import org.rnnlab.report.AttentionMapChart;
import org.rnnlab.report.BatchSizeChart;
import org.rnnlab.report.ChartConfig;
import org.rnnlab.report.ClipTraceChart;
import org.rnnlab.report.FinalMetricChart;
import org.rnnlab.report.GapChart;
import org.rnnlab.report.GradientFlowChart;
import org.rnnlab.report.GridHeatMapChart;
import org.rnnlab.report.LearningCurveChart;
import org.rnnlab.report.SeriesTraceChart;
import org.rnnlab.report.SeriesXyChart;
import org.rnnlab.report.SetCurveChart;
import org.rnnlab.report.SettingCurveChart;
import org.rnnlab.report.SpectralRadiusChart;
import org.rnnlab.report.SuccessRateChart;
import org.rnnlab.task.AddingProblemTask;
import org.rnnlab.task.AdditionTask;
import org.rnnlab.task.BrownTaggingTask;
import org.rnnlab.task.CopyMemoryTask;
import org.rnnlab.task.DelayedRecallTask;
import org.rnnlab.task.EchoTask;
import org.rnnlab.task.EmbeddedReberTask;
import org.rnnlab.task.G2pTask;
import org.rnnlab.task.LanguageModelTask;
import org.rnnlab.task.OffsetTaggingTask;
import org.rnnlab.task.ReversalTask;
import org.rnnlab.task.SequentialImageTask;
import org.rnnlab.task.TaskConfig;
import org.rnnlab.task.TemporalOrderTask;
import org.rnnlab.task.series.MackeyGlassTask;
import org.rnnlab.task.series.NarmaTask;
import org.rnnlab.task.series.SunspotsTask;

/** Every component a spec can name, one registration line each. */
public final class Registries {
  private Registries() {}

  public static final Registry<CellConfig> CELLS = new Registry<>("cell", CellConfig.class)
      .register("elman", ElmanLayer.Config.class)
      .register("lstm", LstmLayer.Config.class)
      .register("gru", GruLayer.Config.class);

  /** Model types; absent "type" is the rnn model (ModelConfig's default), so older specs read as before. */
  public static final Registry<ModelConfig> MODELS = new Registry<>("model", ModelConfig.class)
      .register("rnn", RnnModel.class)
      .register(EsnModel.TYPE, EsnModel.class)
      .register(EncoderDecoderModel.TYPE, EncoderDecoderModel.class)
      .register(OutputRecurrenceModel.TYPE, OutputRecurrenceModel.class);

  public static final Registry<NormConfig> NORMS = new Registry<>("norm", NormConfig.class)
      .register("layer", LayerNorm.Config.class)
      .register("batch", RecurrentBatchNorm.Config.class);

  public static final Registry<Initializer> INITIALIZERS = new Registry<>("initializer", Initializer.class)
      .register("pytorch", PyTorchInit.class)
      .register("uniform_fan_in", UniformFanInInit.class)
      .register("glorot", GlorotInit.class)
      .register("normal", NormalInit.class)
      .register("orthogonal", OrthogonalInit.class)
      .register("identity", IdentityInit.class)
      .register("sparse_spectral", SparseSpectralInit.class);

  public static final Registry<OptimizerConfig> OPTIMIZERS = new Registry<>("optimizer", OptimizerConfig.class)
      .register("sgd", Sgd.class)
      .register("rmsprop", RmsProp.class)
      .register("adam", Adam.class);

  public static final Registry<GradientClip> CLIPPING = new Registry<>("clipping", GradientClip.class)
      .register("global_norm", GlobalNormClip.class)
      .register("value", ValueClip.class)
      .register("none", NoClip.class)
      .register("per_matrix_norm", PerMatrixNormClip.class)
      .register("per_timestep", PerTimestepClip.class);

  public static final Registry<ProcedureConfig> PROCEDURES = new Registry<>("procedure", ProcedureConfig.class)
      .register("bptt", BpttTraining.class)
      .register("ridge", RidgeTraining.class)
      .register("seq2seq", Seq2SeqTraining.class);

  public static final Registry<Loss> LOSSES = new Registry<>("loss", Loss.class)
      .register("mse", MseLoss.class)
      .register("cross_entropy", CrossEntropyLoss.class);

  public static final Registry<TaskConfig> TASKS = new Registry<>("task", TaskConfig.class)
      .register("adding", AddingProblemTask.Config.class)
      .register("copy_memory", CopyMemoryTask.Config.class)
      .register("temporal_order", TemporalOrderTask.Config.class)
      .register("embedded_reber", EmbeddedReberTask.Config.class)
      .register("mackey_glass", MackeyGlassTask.Config.class)
      .register("narma", NarmaTask.Config.class)
      .register("sunspots", SunspotsTask.Config.class)
      .register("sequential_mnist", SequentialImageTask.Config.class)
      .register("offset_tagging", OffsetTaggingTask.Config.class)
      .register("brown_pos", BrownTaggingTask.Config.class)
      .register("language_model", LanguageModelTask.Config.class)
      .register("reversal", ReversalTask.Config.class)
      .register("addition", AdditionTask.Config.class)
      .register("g2p_cmudict", G2pTask.Config.class)
      .register("echo", EchoTask.Config.class)
      .register("delayed_recall", DelayedRecallTask.Config.class);

  public static final Registry<ChartConfig> CHARTS = new Registry<>("chart", ChartConfig.class)
      .register("final_metric", FinalMetricChart.Config.class)
      .register("learning_curve", LearningCurveChart.Config.class)
      .register("gradient_flow", GradientFlowChart.Config.class)
      .register("clip_trace", ClipTraceChart.Config.class)
      .register("spectral_radius", SpectralRadiusChart.Config.class)
      .register("success_rate", SuccessRateChart.Config.class)
      .register("heat_map", GridHeatMapChart.Config.class)
      .register("setting_curve", SettingCurveChart.Config.class)
      .register("series_trace", SeriesTraceChart.Config.class)
      .register("series_xy", SeriesXyChart.Config.class)
      .register("batch_size", BatchSizeChart.Config.class)
      .register("gap", GapChart.Config.class)
      .register("set_curve", SetCurveChart.Config.class)
      .register("attention_map", AttentionMapChart.Config.class);

  /** All registries, in a fixed order. */
  public static List<Registry<?>> all() {
    return List.of(MODELS, CELLS, NORMS, INITIALIZERS, OPTIMIZERS, CLIPPING, PROCEDURES, LOSSES, TASKS, CHARTS);
  }
}
