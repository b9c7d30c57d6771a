package org.rnnlab.data.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagSetTest {
  /** Tags as they occur in the corpus, each with its reduced form. */
  private static final String[][] CASES = {
      {"nn", "nn"}, {"nn-tl", "nn"}, {"nn-hl", "nn"}, {"nn-nc", "nn"}, {"np$-tl", "np$"},
      {"nns$-tl-hl", "nns$"}, {"at-tl-hl", "at"}, {"fw-nn-tl-nc", "nn"}, {"fw-at+nn-tl", "at+nn"},
      {"fw-*", "*"}, {"fw-*-tl", "*"}, {"*", "*"}, {"*-hl", "*"}, {"bed*", "bed*"}, {"ber*-nc", "ber*"},
      {"--", "--"}, {"---hl", "--"}, {"(-hl", "("}, {".-tl", "."}, {"ppss+md", "ppss+md"},
      {"ppss+ber-nc", "ppss+ber"}, {"ppss+ber-n", "ppss+ber"}, {"fw-in+at-t", "in+at"},
      {"fw-in+at-tl", "in+at"}, {"wdt+ber+pp", "wdt+ber+pp"}, {"nil", "nil"}, {"pp$$", "pp$$"}, {"'", "'"},
  };

  @Test
  void fullKeepsEveryTag() {
    for (String[] c : CASES) {
      assertEquals(c[0], TagSet.FULL.map(c[0]));
    }
  }

  @Test
  void reducedStripsThePrefixAndTheSuffixesOnly() {
    for (String[] c : CASES) {
      String r = TagSet.REDUCED.map(c[0]);
      assertEquals(c[1], r, c[0]);
      assertEquals(r, TagSet.REDUCED.map(r), "idempotent on " + c[0]);
      assertFalse(r.startsWith("fw-"), r);
      for (String s : List.of("-tl", "-hl", "-nc")) {
        assertFalse(r.endsWith(s), r);
      }
    }
  }
}
