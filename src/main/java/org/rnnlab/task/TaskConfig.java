package org.rnnlab.task;

import org.rnnlab.config.Component;

/** The spec record of a task; {@link #create()} builds the generator. */
public interface TaskConfig extends Component {
  /** The task this config describes. */
  Task create();
}
