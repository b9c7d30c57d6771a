/**
 * The typed {@code "model"} section of a trial, chosen by {@code "type"}: which network a procedure
 * fits for a task's shape ({@code rnn}: a recurrent stack trained by gradient; {@code esn}: an
 * echo-state reservoir whose readout is fitted in closed form). Depends on engine and task only.
 */
package org.rnnlab.model;
