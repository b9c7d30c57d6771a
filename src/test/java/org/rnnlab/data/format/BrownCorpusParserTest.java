package org.rnnlab.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.data.format.MalformedAsserts.assertMalformed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.Split;
import org.rnnlab.data.text.BrownCorpus;
import org.rnnlab.data.text.TaggedSentence;

class BrownCorpusParserTest {
  @TempDir
  Path dir;

  /** The layout of the real files: two blank lines first, tab-indented sentences, blank lines between. */
  static final String CA01 = "\n\n\tThe/at Fulton/np-tl County/nn-tl said/vbd Atlanta's/np$ ``/`` no/at ''/'' ./.\n\n\n"
      + "\tIt/pps has/hvz and/or/cc 1/2/cd //in mg/l/nn --/-- Gov./nn-tl --/---hl not/* ;/. \n\n\n"
      + "Headline/nn-hl without/in tab/nn Pas/fw-*  la/fw-at-tl vie/fw-nn-tl\r\n\n";

  /** The genres of the real corpus and their file counts (CONTENTS): 500 files ca01..cr09. */
  static final String GENRES = "abcdefghjklmnpr";
  static final int[] GENRE_FILES = {44, 27, 17, 17, 36, 48, 75, 30, 80, 29, 24, 6, 29, 29, 9};

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void readsSentencesSplittingTokensAtTheLastSlash() throws IOException {
    List<TaggedSentence> s = BrownCorpusParser.readFile(write("ca01", CA01));
    assertEquals(3, s.size());
    assertEquals(List.of("The", "Fulton", "County", "said", "Atlanta's", "``", "no", "''", "."), s.get(0).words());
    assertEquals(List.of("at", "np-tl", "nn-tl", "vbd", "np$", "``", "at", "''", "."), s.get(0).tags());
    assertEquals(List.of("It", "has", "and/or", "1/2", "/", "mg/l", "--", "Gov.", "--", "not", ";"),
        s.get(1).words());
    assertEquals(List.of("pps", "hvz", "cc", "cd", "in", "nn", "--", "nn-tl", "---hl", "*", "."), s.get(1).tags());
    assertEquals(List.of("Headline", "without", "tab", "Pas", "la", "vie"), s.get(2).words());
    assertEquals(List.of("nn-hl", "in", "nn", "fw-*", "fw-at-tl", "fw-nn-tl"), s.get(2).tags());
  }

  @Test
  void tokensWithoutWordOrTagFailWithTheirLine() throws IOException {
    Path a = write("ca02", "\n\n\tThe/at jury/nn\n\n\n\tsaid/vbd ---hl ./.\n");
    assertMalformed(a, () -> BrownCorpusParser.readFile(a), ":6:", "'---hl'", "word/tag");
    Path b = write("ca03", "\tThe/ jury/nn\n");
    assertMalformed(b, () -> BrownCorpusParser.readFile(b), ":1:", "'The/'");
    Path c = write("ca04", "\t/at jury/nn\n");
    assertMalformed(c, () -> BrownCorpusParser.readFile(c), "'/at'");
    Path d = write("ca05", "\n\n \t \n");
    assertMalformed(d, () -> BrownCorpusParser.readFile(d), "no sentences");
    Path e = Files.write(dir.resolve("ca06"), new byte[] {'a', '/', 'n', 'n', (byte) 0xC3, '\n'});
    assertMalformed(e, () -> BrownCorpusParser.readFile(e), "not UTF-8");
  }

  /** All 500 file names of the real corpus, sorted. */
  static List<String> standardNames() {
    List<String> names = new ArrayList<>();
    for (int g = 0; g < GENRES.length(); g++) {
      for (int i = 1; i <= GENRE_FILES[g]; i++) {
        names.add(String.format("c%c%02d", GENRES.charAt(g), i));
      }
    }
    return names;
  }

  @Test
  void theStandardDirectoryHas500FilesAndIgnoresTheRest() throws IOException {
    List<String> names = standardNames();
    for (String n : names) {
      write(n, "\n\n\t" + n + "/nn ./.\n\n");
    }
    for (String other : List.of("README", "CONTENTS", "cats.txt", "package.json", "categories.pickle", "ca01.bak")) {
      write(other, "not a corpus file");
    }
    BrownCorpus c = BrownCorpusParser.readStandard(dir);
    assertEquals(names, c.files());
    assertEquals("ca01", c.files().get(0));
    assertEquals(Split.TEST, BrownCorpus.splitOfIndex(0));
    assertEquals(List.of("ca01", "ca11", "ca21"), c.files(Split.TEST).subList(0, 3));
    assertEquals(List.of("ca06", "ca16", "ca26"), c.files(Split.VALIDATION).subList(0, 3));
    assertEquals(50, c.files(Split.TEST).size());
    assertEquals(50, c.files(Split.VALIDATION).size());
    assertEquals(400, c.files(Split.TRAIN).size());
    // each file's one sentence names the file: the split's sentences come from exactly its files
    for (Split sp : Split.values()) {
      List<String> from = new ArrayList<>();
      c.sentences(sp).forEach(s -> from.add(s.words().get(0)));
      assertEquals(c.files(sp), from);
    }

    Files.delete(dir.resolve("cr09"));
    assertMalformed(dir, () -> BrownCorpusParser.readStandard(dir), "499 corpus files", "500 files ca01..cr09");
  }

  @Test
  void aDirectoryWithoutCorpusFilesIsReported() throws IOException {
    write("README", "x");
    assertMalformed(dir, () -> BrownCorpusParser.readDirectory(dir), "no Brown corpus files");
  }

  @Test
  void crlfAndLatinTextAreRead() throws IOException {
    Path f = Files.write(dir.resolve("cb01"), "\tna\u00efve/jj text/nn\r\n\r\n\tok/uh\r\n".getBytes(StandardCharsets.UTF_8));
    List<TaggedSentence> s = BrownCorpusParser.readFile(f);
    assertEquals(2, s.size());
    assertEquals(List.of("na\u00efve", "text"), s.get(0).words());
    assertEquals(List.of("uh"), s.get(1).tags());
  }
}
