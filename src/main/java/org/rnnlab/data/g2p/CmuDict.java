package org.rnnlab.data.g2p;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.data.DatasetFiles;
import org.rnnlab.data.Split;
import org.rnnlab.data.format.MalformedDataException;

/**
 * The CMU Pronouncing Dictionary as grapheme-to-phoneme data (docs/datasets.md, "CMUdict").
 *
 * <p><b>Format.</b> UTF-8, LF line ends, one pronunciation per line: the word, two spaces, its
 * phonemes separated by single spaces, each one of the 39 ARPAbet phonemes optionally followed by a
 * stress digit 0, 1 or 2 ({@code ABDOMEN(1)  AE0 B D OW1 M AH0 N}). A line that is not so is an
 * error naming the file, the line and what was expected.
 *
 * <p><b>Rules</b> (fixed): a trailing {@code (n)}, n ≥ 1, marks an alternative pronunciation and is
 * removed; a word that then consists of capitals A-Z and apostrophes with at least one letter is
 * kept, any other (digits, periods, hyphens, underscores, braces, other characters) is dropped with
 * all its lines and counted ({@link #droppedWords}, {@link #droppedLines}). Stress digits are
 * removed; pronunciations of a word that become equal are kept once ({@link #collapsed}). All
 * pronunciations of a word stay with it, in the file's order.
 *
 * <p><b>Split</b> (no randomness): the kept words sorted by {@link String#compareTo} (code units:
 * the apostrophe before the letters), numbered from 0; index mod 20 = 0 is test, = 10 validation,
 * any other train (90 / 5 / 5 % of the words, each with all its pronunciations).
 */
public final class CmuDict {
  /** The registered dataset {@link #load()} reads. */
  public static final String DATASET = "cmudict";
  /** Its one file, relative to the dataset's directory. */
  public static final String FILE = "dict.txt";

  /** An alternative's marker: {@code (1)}, {@code (2)}, … at the end of the word. */
  private static final Pattern ALTERNATIVE = Pattern.compile("(.+)\\(([1-9][0-9]*)\\)");
  private static final String EXPECTED = "expected WORD, two spaces and phonemes separated by single spaces "
      + "(e.g. 'ABDOMEN(1)  AE0 B D OW1 M AH0 N')";

  private final int lines;
  private final List<Entry> entries;
  private final Map<Split, List<Entry>> splits;
  private final List<String> droppedWords;
  private final int droppedLines;
  private final int collapsed;

  private CmuDict(int lines, List<Entry> entries, List<String> droppedWords, int droppedLines, int collapsed) {
    this.lines = lines;
    this.entries = List.copyOf(entries);
    this.droppedWords = List.copyOf(droppedWords);
    this.droppedLines = droppedLines;
    this.collapsed = collapsed;
    Map<Split, List<Entry>> s = new EnumMap<>(Split.class);
    for (Split p : Split.values()) {
      s.put(p, new ArrayList<>());
    }
    for (int i = 0; i < entries.size(); i++) {
      s.get(splitOf(i)).add(entries.get(i));
    }
    s.replaceAll((k, v) -> List.copyOf(v));
    this.splits = s;
  }

  /** The split of the kept word at {@code index} in sorted order: mod 20 = 0 test, = 10 validation, else train. */
  public static Split splitOf(int index) {
    int r = index % 20;
    return r == 0 ? Split.TEST : r == 10 ? Split.VALIDATION : Split.TRAIN;
  }

  /**
   * CMUdict from the fetched dataset {@value #DATASET}: the file's SHA-256 is checked against the
   * pinned manifest before it is parsed; a missing, damaged or malformed file is a one-line
   * {@link org.rnnlab.data.DatasetException} naming the repair.
   */
  public static CmuDict load() {
    DatasetFiles files = DatasetFiles.open(DATASET);
    byte[] bytes = files.read(FILE);
    try {
      return parse(files.dir().resolve(FILE), bytes);
    } catch (MalformedDataException e) {
      throw files.malformed(e);
    }
  }

  /** The dictionary in {@code bytes}, the content of {@code file} (named in errors). */
  public static CmuDict parse(Path file, byte[] bytes) throws MalformedDataException {
    String text = decode(file, bytes);
    TreeMap<String, Set<List<String>>> kept = new TreeMap<>();
    TreeSet<String> dropped = new TreeSet<>();
    int n = 0;
    int droppedLines = 0;
    int keptLines = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length(); // a last line without its newline
      }
      n++;
      String line = text.substring(start, end);
      start = end + 1;
      String[] parts = wordAndPhonemes(file, n, line);
      String word = parts[0];
      Matcher m = ALTERNATIVE.matcher(word);
      if (m.matches()) {
        word = m.group(1);
      }
      List<String> phonemes = phonemes(file, n, parts[1]);
      if (!Graphemes.isWord(word)) {
        dropped.add(word);
        droppedLines++;
        continue;
      }
      keptLines++;
      kept.computeIfAbsent(word, w -> new LinkedHashSet<>()).add(phonemes);
    }
    if (n == 0) {
      throw MalformedDataException.in(file, "is empty, expected lines 'WORD  PH1 PH2 ...'");
    }
    List<Entry> entries = new ArrayList<>(kept.size());
    int distinct = 0;
    for (Map.Entry<String, Set<List<String>>> e : kept.entrySet()) {
      entries.add(new Entry(e.getKey(), new ArrayList<>(e.getValue())));
      distinct += e.getValue().size();
    }
    return new CmuDict(n, entries, new ArrayList<>(dropped), droppedLines, keptLines - distinct);
  }

  /** Strict UTF-8; an invalid byte is an error naming its line and byte offset. */
  private static String decode(Path file, byte[] bytes) throws MalformedDataException {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw MalformedDataException.atLine(file, line, "byte offset " + in.position() + ": malformed UTF-8, expected "
          + "UTF-8 text");
    }
    d.flush(out);
    return out.flip().toString();
  }

  /** The word and the phoneme part of line {@code n}. */
  private static String[] wordAndPhonemes(Path file, int n, String line) throws MalformedDataException {
    if (line.indexOf('\r') >= 0) {
      throw MalformedDataException.atLine(file, n, "carriage return, expected LF line ends");
    }
    int sep = line.indexOf("  ");
    if (sep <= 0) {
      throw MalformedDataException.atLine(file, n, (line.isEmpty() ? "empty line" : "found '" + quote(line) + "'")
          + ", " + EXPECTED);
    }
    String word = line.substring(0, sep);
    for (int i = 0; i < word.length(); i++) {
      if (Character.isWhitespace(word.charAt(i))) {
        throw MalformedDataException.atLine(file, n, "word '" + quote(word) + "' contains whitespace, " + EXPECTED);
      }
    }
    return new String[] {word, line.substring(sep + 2)};
  }

  /** The phonemes of {@code part} (line {@code n}) without stress. */
  private static List<String> phonemes(Path file, int n, String part) throws MalformedDataException {
    String[] tokens = part.split(" ", -1);
    List<String> out = new ArrayList<>(tokens.length);
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      if (t.isEmpty()) {
        throw MalformedDataException.atLine(file, n, "phoneme " + (i + 1) + " is empty (an extra space), " + EXPECTED);
      }
      char last = t.charAt(t.length() - 1);
      String base = last >= '0' && last <= '2' ? t.substring(0, t.length() - 1) : t;
      if (Phonemes.id(base) < 0) {
        throw MalformedDataException.atLine(file, n, "phoneme " + (i + 1) + " '" + quote(t) + "', expected one of the "
            + "39 ARPAbet phonemes, optionally followed by stress 0, 1 or 2");
      }
      out.add(base);
    }
    return out;
  }

  /** {@code s} with tabs visible, at most 120 characters. */
  private static String quote(String s) {
    String r = s.replace("\t", "\\t");
    return r.length() > 120 ? r.substring(0, 117) + "..." : r;
  }

  /** The number of lines of the file. */
  public int lines() {
    return lines;
  }

  /** Every kept word with its pronunciations, sorted by word. */
  public List<Entry> entries() {
    return entries;
  }

  /** The kept words of {@code split}, sorted, each with all its pronunciations. */
  public List<Entry> split(Split split) {
    return splits.get(split);
  }

  /** The distinct dropped words (their {@code (n)} removed), sorted. */
  public List<String> droppedWords() {
    return droppedWords;
  }

  /** The lines of dropped words. */
  public int droppedLines() {
    return droppedLines;
  }

  /** The kept lines whose pronunciation equalled an earlier one of the same word once stress was removed. */
  public int collapsed() {
    return collapsed;
  }

  /** The number of pronunciations (distinct per word) of the entries {@code es}. */
  public static int pronunciations(List<Entry> es) {
    int n = 0;
    for (Entry e : es) {
      n += e.pronunciations().size();
    }
    return n;
  }
}
