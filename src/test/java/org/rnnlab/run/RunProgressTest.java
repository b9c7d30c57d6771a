package org.rnnlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunProgressTest {
  private static final Map<Integer, Double> COST = Map.of(0, 1.0, 1, 3.0);
  private static final Map<Integer, String> IDS = Map.of(0, "rnn__s0", 1, "lstm__s0");

  @Test
  void withoutATerminalItWritesPlainLinesWithLabelledTimesAndTheLastLoss() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    String old = System.getProperty(RunProgress.TTY_PROPERTY);
    System.clearProperty(RunProgress.TTY_PROPERTY);
    try (RunProgress p = RunProgress.create("exp", COST, IDS, out)) {
      assertTrue(p instanceof RunProgress.Log, "stderr not known to be a terminal: plain lines");
      TrialRecording.Listener l = p.listener(0);
      l.scalar(100, "train_loss", 0.25);
      l.progress(0.5);
      l.scalar(200, "train_loss", 0.125);
      l.progress(1.0);
      p.done(0, new TrialRunner.Result(TrialRunner.Outcome.RAN, null));
    } finally {
      if (old != null) {
        System.setProperty(RunProgress.TTY_PROPERTY, old);
      }
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(text.contains("\r") || text.contains("\033"), "no carriage returns or escapes in a log: " + text);
    assertTrue(text.contains("[exp] trials 1/2 done, 25% of the work, elapsed "), text);
    assertTrue(text.contains(": rnn__s0 ran, last train loss 0.1250"), text);
    assertTrue(text.matches("(?s).*elapsed \\d+s, ETA (\\d+s|unknown): rnn__s0 ran.*"), text);
  }

  @Test
  void onATerminalItRedrawsTrialsDoneRunningTrialsWithTheirLossElapsedAndEta() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RunProgress.Live p = new RunProgress.Live("exp", COST, IDS, out, 120);
    TrialRecording.Listener l = p.listener(1);
    l.scalar(300, "train_loss", 0.0421);
    l.progress(0.5);
    p.draw(); // as the timer does every second, without waiting for it
    p.close();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("exp  [########------------]  trials 0/2 done, 38% of the work, elapsed "), text);
    assertTrue(text.contains("  running lstm__s0   50%  train loss 0.0421 at update 300"), text);
    assertTrue(text.contains("\033[1A\033[2K"), "redrawn in place");
    String last = text.stripTrailing().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.matches("exp: trials 0/2 done, 38% of the work, elapsed \\d+s, ETA (\\d+s|unknown)"),
        "a final status line: " + last);
  }

  @Test
  void durationsAreLabelledUnits() {
    assertEquals("45s", RunProgress.duration(45));
    assertEquals("3m12s", RunProgress.duration(192));
    assertEquals("1h02m", RunProgress.duration(3720));
  }
}
