package org.rnnlab.spec;

import org.rnnlab.config.Hyper;

/** A number from the literature, shown in the report next to ours. */
public record Published(
    @Hyper(doc = "What was measured, e.g. \"LSTM test MSE at T=100\".") String claim,
    @Hyper(doc = "The published value, as printed.") String value,
    @Hyper(doc = "Where it is published, e.g. \"Bai et al. 2018, Table 1\".") String source) {
  public Published {
    if (claim == null || value == null || source == null) {
      throw new IllegalArgumentException("a published entry needs claim, value and source");
    }
  }
}
