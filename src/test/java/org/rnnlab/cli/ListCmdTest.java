package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ListCmdTest {
  @Test
  void theFirstSentenceEndsAtANumberFollowedByACapital() {
    assertEquals("Clipping at 15.", ListCmd.firstSentence("Clipping at 15. An LSTM without it."));
    assertEquals("Task 6a.", ListCmd.firstSentence("Task 6a. Success: every seed."));
    assertEquals("Batch sizes up to 4.", ListCmd.firstSentence("Batch sizes up to 4. An LSTM too."));
  }

  @Test
  void abbreviationsParenthesesAndInnerNumbersDoNotEndIt() {
    assertEquals("Above 0.8 x the baseline (Bai et al. 2018) as in eq. 4. and e.g. here.",
        ListCmd.firstSentence("Above 0.8 x the baseline (Bai et al. 2018) as in eq. 4. and e.g. here. Next."));
    assertEquals("No dot at all", ListCmd.firstSentence("No dot at all"));
  }
}
