package org.rnnlab.data.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.rnnlab.data.DatasetFiles;
import org.rnnlab.data.Split;
import org.rnnlab.data.format.MalformedDataException;

/**
 * A character-level corpus: one text read as Unicode code points (a character outside the Basic
 * Multilingual Plane is one symbol, not two UTF-16 units), split by position into three contiguous
 * parts, and encoded with a vocabulary built from the training part only.
 *
 * <p><b>Split</b> (fixed, no shuffling, integer arithmetic on the number of code points n):
 * train = [0, ⌊9n/10⌋), validation = [⌊9n/10⌋, ⌊19n/20⌋), test = [⌊19n/20⌋, n); the boundaries
 * are rounded down, so the test part gets what rounding leaves. Moby-Dick (n = 1,190,317):
 * 1,071,285 / 59,516 / 59,516 characters. At least 20 characters are needed (then every part has one).
 *
 * <p><b>Vocabulary</b>: the distinct code points of the training part sorted by code point; the
 * character of id i (1..V) is the i-th smallest. Every character never seen in training maps to
 * the one unknown id {@value #UNKNOWN} (as in {@link Vocabulary}; {@link #symbols()} = V + 1),
 * counted per part by {@link #unknowns}. The text is taken exactly as it is: no normalisation,
 * line ends kept.
 */
public final class CharCorpus implements TokenCorpus {
  /** The registered dataset this corpus is read from by {@link #mobyDick()}. */
  public static final String DATASET = "moby-dick";
  /** The dataset's one file (relative to its directory). */
  public static final String FILE = "data.txt";
  /** The fewest code points a text may have (so that every part has at least one). */
  public static final int MIN_LENGTH = 20;
  /** The id every character unseen in training maps to. */
  public static final int UNKNOWN = 0;
  /** How the unknown id is shown by {@link #symbol} and {@link #decode}: U+FFFD. */
  public static final String UNKNOWN_SYMBOL = "\uFFFD";

  private final int[] text;
  private final int trainEnd;
  private final int validationEnd;
  private final int[] vocabulary;
  private final int[] ids;

  private CharCorpus(int[] text) {
    if (text.length < MIN_LENGTH) {
      throw new IllegalArgumentException("a character corpus needs at least " + MIN_LENGTH
          + " characters (for non-empty 90/5/5 parts), got " + text.length);
    }
    this.text = text;
    this.trainEnd = trainEnd(text.length);
    this.validationEnd = validationEnd(text.length);
    this.vocabulary = Arrays.stream(text, 0, trainEnd).distinct().sorted().toArray();
    this.ids = new int[text.length];
    for (int i = 0; i < text.length; i++) {
      ids[i] = id(text[i]);
    }
  }

  /** The corpus of a text given as code points. */
  public static CharCorpus of(int[] codePoints) {
    return new CharCorpus(codePoints.clone());
  }

  /** The corpus of {@code text} (its code points). */
  public static CharCorpus of(String text) {
    return new CharCorpus(text.codePoints().toArray());
  }

  /**
   * The corpus of {@code bytes}, the content of {@code file} (named in errors): strict UTF-8 (a
   * malformed sequence is an error giving its byte offset), at least {@link #MIN_LENGTH} characters.
   */
  public static CharCorpus parse(Path file, byte[] bytes) throws MalformedDataException {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = d.decode(in, out, true);
    if (r.isError()) {
      throw MalformedDataException.in(file, "byte offset " + in.position() + ": malformed UTF-8 (" + r.length()
          + " byte(s)), expected UTF-8 text");
    }
    d.flush(out);
    out.flip();
    int[] cps = out.toString().codePoints().toArray();
    if (cps.length < MIN_LENGTH) {
      throw MalformedDataException.in(file, "has " + cps.length + " characters, expected at least " + MIN_LENGTH
          + " (for non-empty 90/5/5 training, validation and test parts)");
    }
    return new CharCorpus(cps);
  }

  /**
   * Moby-Dick from the fetched dataset {@value #DATASET}: the file's SHA-256 is checked against the
   * pinned manifest before a byte is decoded; a missing, damaged or malformed file is a one-line
   * {@link org.rnnlab.data.DatasetException} naming the repair.
   */
  public static CharCorpus mobyDick() {
    DatasetFiles files = DatasetFiles.open(DATASET);
    byte[] bytes = files.read(FILE);
    try {
      return parse(files.dir().resolve(FILE), bytes);
    } catch (MalformedDataException e) {
      throw files.malformed(e);
    }
  }

  /** Where the training part of n characters ends: ⌊9n/10⌋. */
  public static int trainEnd(int n) {
    return (int) (9L * n / 10);
  }

  /** Where the validation part of n characters ends: ⌊19n/20⌋. */
  public static int validationEnd(int n) {
    return (int) (19L * n / 20);
  }

  /** The number of characters (code points) of the whole text. */
  public int length() {
    return text.length;
  }

  /** The first position of a part. */
  public int start(Split split) {
    return switch (split) {
      case TRAIN -> 0;
      case VALIDATION -> trainEnd;
      case TEST -> validationEnd;
    };
  }

  /** The position after the last of a part. */
  public int end(Split split) {
    return switch (split) {
      case TRAIN -> trainEnd;
      case VALIDATION -> validationEnd;
      case TEST -> text.length;
    };
  }

  /** The number of characters of a part. */
  public int length(Split split) {
    return end(split) - start(split);
  }

  /** The code points of a part (a copy). */
  public int[] codePoints(Split split) {
    return Arrays.copyOfRange(text, start(split), end(split));
  }

  /** The text of a part, as it is in the file. */
  public String text(Split split) {
    return new String(text, start(split), length(split));
  }

  /** The vocabulary: the training part's distinct code points, ascending; id i (from 1) is element i-1. */
  public int[] vocabulary() {
    return vocabulary.clone();
  }

  /** The number of characters seen in training, V (ids 1..V; the unknown id is 0). */
  public int vocabularySize() {
    return vocabulary.length;
  }

  @Override
  public int symbols() {
    return vocabulary.length + 1;
  }

  @Override
  public int unknownId() {
    return UNKNOWN;
  }

  /** The id of a code point: 1 + its rank in the vocabulary, or the unknown id 0. */
  public int id(int codePoint) {
    int rank = Arrays.binarySearch(vocabulary, codePoint);
    return rank >= 0 ? rank + 1 : UNKNOWN;
  }

  @Override
  public int[] encoded(Split split) {
    return Arrays.copyOfRange(ids, start(split), end(split));
  }

  @Override
  public int unknowns(Split split) {
    int n = 0;
    for (int i = start(split); i < end(split); i++) {
      if (ids[i] == UNKNOWN) {
        n++;
      }
    }
    return n;
  }

  @Override
  public String symbol(int id) {
    if (id < 0 || id > vocabulary.length) {
      throw new IllegalArgumentException("id " + id + " is not in 0.." + vocabulary.length);
    }
    return id == UNKNOWN ? UNKNOWN_SYMBOL : Character.toString(vocabulary[id - 1]);
  }

  @Override
  public String decode(int[] idSequence) {
    StringBuilder sb = new StringBuilder(idSequence.length);
    for (int id : idSequence) {
      sb.append(symbol(id));
    }
    return sb.toString();
  }

  @Override
  public int[] encode(String s) {
    int[] cps = s.codePoints().toArray();
    int[] out = new int[cps.length];
    for (int i = 0; i < cps.length; i++) {
      int id = id(cps[i]);
      if (id == UNKNOWN) {
        throw new IllegalArgumentException("character " + describe(cps[i]) + " at position " + i
            + " never occurs in the training text (its " + vocabulary.length + " characters are the vocabulary)");
      }
      out[i] = id;
    }
    return out;
  }

  /** A code point for an error message: the character and its U+ number. */
  static String describe(int cp) {
    String hex = String.format(java.util.Locale.ROOT, "U+%04X", cp);
    return Character.isISOControl(cp) || Character.isWhitespace(cp) ? hex : "'" + Character.toString(cp) + "' (" + hex + ")";
  }
}
