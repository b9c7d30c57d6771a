package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rnnlab sample --input} on a stored encoder-decoder: the decoded output and its
 * log-probability, the same text on every call, greedy by either path, sampling reproducible by
 * seed; every misuse is one line, exit 2, nothing written.
 */
class SampleInputTest {
  /** Reversal over a, b, c, d, e: a GRU encoder-decoder with attention, trained briefly. */
  static final String S2S = """
      {"description": "Tiny reversal.", "task": {"type": "reversal", "alphabet": 5, "min_len": 2, "max_len": 4},
       "model": {"type": "encoder_decoder", "cell": {"type": "gru"}, "hidden_size": 8, "embedding_dim": 4,
                 "attention": true},
       "training": {"type": "seq2seq", "optimizer": {"type": "adam", "lr": 0.02}, "batch_size": 16, "steps": 100},
       "evaluation": {"every": 50, "test_size": 16}, "seeds": 1, "root_seed": 3,
       "report": {"main_metric": "accuracy", "lower_is_better": false}}
      """;

  /** "summed over N tokens" and how the output ended. */
  private static final Pattern LOG_PROB = Pattern.compile(
      "log-probability: (-?\\d+\\.\\d{6}) \\(natural log, summed over (\\d+) tokens( with the end symbol|; no end "
          + "symbol within --length), not length-normalised\\)");

  @TempDir
  static Path home;
  private static String oldHome;

  @BeforeAll
  static void train() throws IOException {
    oldHome = MainTest.useHome(home);
    Files.writeString(home.resolve("experiments/rev.json"), S2S);
    Files.writeString(home.resolve("experiments/toy.json"), EvaluateCmdTest.LM.replace(" KEEP", ""));
    MainTest.Outcome s2s = MainTest.run("run", "rev", "--jobs", "1");
    assertEquals(0, s2s.code(), s2s.err());
    MainTest.Outcome lm = MainTest.run("run", "toy", "--jobs", "1");
    assertEquals(0, lm.code(), lm.err());
  }

  @AfterAll
  static void restore() {
    MainTest.restoreHome(oldHome);
  }

  private static MainTest.Outcome sample(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "sample";
    all[1] = "rev";
    all[2] = "base__s0";
    System.arraycopy(args, 0, all, 3, args.length);
    return MainTest.run(all);
  }

  /** The two lines of a successful decode: the output and the log-probability; checks their form. */
  private static List<String> decoded(String... args) {
    MainTest.Outcome o = sample(args);
    assertEquals(0, o.code(), o.err());
    assertEquals("", o.err());
    List<String> lines = o.out().lines().toList();
    assertEquals(2, lines.size(), o.out());
    assertTrue(lines.get(0).chars().allMatch(c -> "abcde".indexOf(c) >= 0), "target symbols only: " + lines.get(0));
    Matcher m = LOG_PROB.matcher(lines.get(1));
    assertTrue(m.matches(), lines.get(1));
    double logProb = Double.parseDouble(m.group(1));
    assertTrue(logProb <= 0.0, lines.get(1));
    boolean ended = m.group(3).startsWith(" with");
    // the tokens counted are the output's symbols, and the end symbol if it came
    assertEquals(lines.get(0).length() + (ended ? 1 : 0), Integer.parseInt(m.group(2)), o.out());
    return lines;
  }

  @Test
  void anInputIsDecodedWithItsLogProbabilityTheSameOnEveryCall() {
    List<String> first = decoded("--input", "abcd");
    assertEquals(first, decoded("--input", "abcd"), "bit-reproducible");
    assertNotEquals(decoded("--input", "abcd"), decoded("--input", "edca"), "the output depends on the input");
  }

  @Test
  void greedyIsTheSameAsTheSamplersArgmaxPathAndABeamOfOneEndsOnItNoWorse() {
    for (String input : List.of("ab", "cde", "eabd", "dddd", "aaaa", "bcea")) {
      List<String> greedy = decoded("--input", input);
      // training's batch decoding and the sampler's own argmax path over the step function
      assertEquals(greedy, decoded("--input", input, "--temperature", "0"), input);
      // a beam of one walks greedy's path and returns the best hypothesis finished on it: greedy's own
      // output or an earlier end symbol that scored higher
      List<String> beam1 = decoded("--input", input, "--beam", "1");
      assertTrue(greedy.get(0).startsWith(beam1.get(0)), input + ": " + beam1 + " vs " + greedy);
      assertTrue(logProb(beam1) >= logProb(greedy), input + ": " + beam1 + " vs " + greedy);
      assertEquals(beam1, decoded("--input", input, "--beam", "1"));
    }
  }

  @Test
  void aWiderBeamIsReproducible() {
    List<String> beam = decoded("--input", "bcea", "--beam", "4");
    assertEquals(beam, decoded("--input", "bcea", "--beam", "4"));
  }

  @Test
  void samplingIsReproducibleBySeedAndTheSeedMatters() {
    List<String> a = decoded("--input", "abce", "--temperature", "1", "--seed", "5");
    assertEquals(a, decoded("--input", "abce", "--temperature", "1", "--seed", "5"));
    Set<List<String>> bySeed = new HashSet<>();
    for (int s = 0; s < 8; s++) {
      bySeed.add(decoded("--input", "abce", "--temperature", "1", "--seed", Integer.toString(s)));
    }
    assertTrue(bySeed.size() > 1, "eight seeds at temperature 1 drew one output: " + bySeed);
  }

  @Test
  void lengthCapsTheOutputInEveryMode() {
    for (String[] mode : List.of(new String[0], new String[] {"--beam", "3"},
        new String[] {"--temperature", "1", "--seed", "1"})) {
      for (int n = 1; n <= 3; n++) {
        String[] args = Stream.concat(Stream.of("--input", "abcd", "--length", Integer.toString(n)), Stream.of(mode))
            .toArray(String[]::new);
        List<String> capped = decoded(args);
        assertTrue(capped.get(0).length() <= n, List.of(args) + ": " + capped);
      }
    }
  }

  private static double logProb(List<String> decoded) {
    Matcher m = LOG_PROB.matcher(decoded.get(1));
    assertTrue(m.matches());
    return Double.parseDouble(m.group(1));
  }

  private static List<String> tree() throws IOException {
    try (Stream<Path> s = Files.walk(home)) {
      return s.map(p -> home.relativize(p) + (Files.isDirectory(p) ? "/" : " " + p.toFile().length()))
          .sorted().collect(Collectors.toList());
    }
  }

  /** Expects exit 2, exactly {@code message} as one line of stderr, nothing on stdout and no file changed. */
  private static void refused(String message, String... args) throws IOException {
    List<String> before = tree();
    MainTest.Outcome o = MainTest.run(args);
    assertEquals(2, o.code(), o.err());
    assertEquals("rnnlab: " + message + "\n", o.err().replace("\r\n", "\n"));
    assertEquals("", o.out());
    assertEquals(before, tree(), "nothing written");
  }

  @Test
  void misusesAreOneLineAndWriteNothing() throws IOException {
    refused("trial base__s0: its model is an encoder-decoder: give --input, the source to decode",
        "sample", "rev", "base__s0");
    refused("--prime is for a language model; an encoder-decoder decodes --input",
        "sample", "rev", "base__s0", "--input", "abc", "--prime", "ab");
    refused("--input is empty: give a source to decode", "sample", "rev", "base__s0", "--input", "");
    refused("trial base__s0: --input is for an encoder-decoder's source; a language model reads --prime",
        "sample", "toy", "base__s0", "--input", "the cat", "--length", "3");
  }

  @Test
  void aSymbolOutsideTheSourceVocabularyIsOneLineNamingIt() throws IOException {
    List<String> before = tree();
    MainTest.Outcome o = sample("--input", "abz");
    assertEquals(2, o.code(), o.err());
    assertEquals(1, o.err().lines().count(), o.err());
    assertTrue(o.err().startsWith("rnnlab: --input: ") && o.err().contains("z"), o.err());
    assertEquals("", o.out());
    assertEquals(before, tree());
  }
}
