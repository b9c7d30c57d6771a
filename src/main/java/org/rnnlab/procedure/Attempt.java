package org.rnnlab.procedure;

import java.util.function.Supplier;
import org.rnnlab.engine.state.StateFormatException;

/**
 * One attempt at a trial by a training loop: built fresh, then either started from update 0 or
 * restored from a checkpoint, then trained to the end. {@link #run} is the one rule every loop
 * follows: resume from the newest checkpoint the recorder offers; one that cannot be restored is
 * reported and the next older one (or a fresh start) is tried on a fresh attempt, since a failed
 * restore may have changed this one's instances.
 */
public interface Attempt {
  /** The initial weights' evaluation (update 0). */
  void start();

  /** Restores a checkpoint's state, or throws {@link StateFormatException}. */
  void restore(Resume resume);

  /** Trains from the current update to the end and records the final metrics. */
  void train();

  /** Runs a trial by attempts from {@code fresh}, resuming where {@code rec} says. */
  static void run(Recorder rec, Supplier<? extends Attempt> fresh) {
    Resume resume = rec.resume();
    while (true) {
      Attempt a = fresh.get();
      if (resume == null) {
        a.start();
        a.train();
        return;
      }
      try {
        a.restore(resume);
      } catch (StateFormatException e) {
        resume = rec.resumeFailed(resume, e.getMessage());
        continue;
      }
      a.train();
      return;
    }
  }
}
