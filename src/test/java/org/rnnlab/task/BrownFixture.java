package org.rnnlab.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnlab.engine.Rng;

/**
 * A tiny generated Brown corpus in the real file format (500 files named like ca01..cr09, one or
 * two sentences of {@code word/tag} tokens each, tab-indented lines, blank lines between), so that
 * tests never need the download. Words and tags come from a small lexicon; the word {@code zebra/nn}
 * occurs only in test files and {@code Quux/np-tl} only in validation files.
 */
public final class BrownFixture {
  private BrownFixture() {}

  /** The 500 file names in sorted order: ca01..ce95 (491), then cr01..cr09. */
  static List<String> names() {
    List<String> out = new ArrayList<>();
    for (char g = 'a'; g <= 'e'; g++) {
      for (int i = 1; i <= (g == 'e' ? 95 : 99); i++) {
        out.add(String.format("c%c%02d", g, i));
      }
    }
    for (int i = 1; i <= 9; i++) {
      out.add(String.format("cr%02d", i));
    }
    return out;
  }

  private static final String[][] LEXICON = {
      {"The", "at"}, {"the", "at"}, {"dog", "nn"}, {"dogs", "nns"}, {"runs", "vbz"}, {"ran", "vbd"},
      {"quickly", "rb"}, {"and", "cc"}, {"a", "at"}, {"cat", "nn"}, {"saw", "vbd"}, {"saw", "nn"},
      {"1960", "cd"}, {"Fulton", "np-tl"}, {"County", "nn-tl"}, {"said", "vbd"}, {"it", "pps"},
      {"running", "vbg"}, {"well-known", "jj"}, {",", ","}, {"merci", "fw-nn"}, {"wasn't", "bedz*"}};

  /** Writes the corpus into {@code dir} (created if needed) and returns it. */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Rng rng = Rng.of(1964).child("brown-fixture");
    List<String> names = names();
    for (int f = 0; f < names.size(); f++) {
      StringBuilder text = new StringBuilder();
      int sentences = 1 + rng.nextInt(2);
      for (int s = 0; s < sentences; s++) {
        text.append("\n\n\t");
        int len = 1 + rng.nextInt(9);
        for (int i = 0; i < len; i++) {
          String[] w = LEXICON[rng.nextInt(LEXICON.length)];
          text.append(i == 0 ? "" : " ").append(w[0]).append('/').append(w[1]);
        }
        if (f % 10 == 0 && s == 0) {
          text.append(" zebra/nn"); // test files only
        }
        if (f % 10 == 5 && s == 0) {
          text.append(" Quux/np-tl"); // validation files only
        }
        text.append(" ./.\n");
      }
      Files.writeString(dir.resolve(names.get(f)), text.toString());
    }
    Files.writeString(dir.resolve("README"), "not a corpus file\n");
    org.rnnlab.data.DatasetFixture.seal(dir, "brown"); // pinned like a fetched corpus: runs check every file
    return dir;
  }
}
