package org.rnnlab.data.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.rnnlab.data.series.YearlySeries;

/**
 * {@code statsmodels/datasets/sunspots/sunspots.csv} of the Debian package python3-statsmodels
 * 0.13.5+dfsg-7: the header {@code "YEAR","SUNACTIVITY"}, then one line {@code year,value} per
 * year (1700..2008, 309 lines; values like {@code 5} or {@code 15.2}). Years must be consecutive;
 * values decimal numbers >= 0; blank lines only at the end; CR before LF is accepted.
 */
public final class SunspotsCsvParser {
  private static final Pattern YEAR = Pattern.compile("-?[0-9]{1,6}");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]*)?([eE][-+]?[0-9]+)?");

  private SunspotsCsvParser() {}

  /** The series of {@code file}. */
  public static YearlySeries read(Path file) throws IOException {
    return parse(file, Files.readAllBytes(file));
  }

  /** The series in {@code bytes}, the content of {@code file} (named in errors). */
  public static YearlySeries parse(Path file, byte[] bytes) throws MalformedDataException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw MalformedDataException.in(file, "is not UTF-8 text, expected the CSV header \"YEAR\",\"SUNACTIVITY\"");
    }
    List<String> lines = text.lines().toList();
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    if (end == 0 || !header(lines.get(0))) {
      throw MalformedDataException.atLine(file, 1, "found '" + (end == 0 ? "" : Snippets.oneLine(lines.get(0)))
          + "', expected the header \"YEAR\",\"SUNACTIVITY\"");
    }
    if (end < 2) {
      throw MalformedDataException.in(file, "has no data lines, expected year,value lines after the header");
    }
    int first = 0;
    double[] values = new double[end - 1];
    for (int i = 1; i < end; i++) {
      String line = lines.get(i).strip();
      String[] f = line.split(",", -1);
      if (f.length != 2) {
        throw MalformedDataException.atLine(file, i + 1, "found '" + Snippets.oneLine(line)
            + "', expected year,value");
      }
      if (!YEAR.matcher(f[0].strip()).matches() || !NUMBER.matcher(f[1].strip()).matches()) {
        throw MalformedDataException.atLine(file, i + 1, "found '" + Snippets.oneLine(line)
            + "', expected an integer year and a decimal number");
      }
      int year = Integer.parseInt(f[0].strip());
      double v = Double.parseDouble(f[1].strip());
      if (i == 1) {
        first = year;
      } else if (year != first + i - 1) {
        throw MalformedDataException.atLine(file, i + 1, "year " + year + ", expected " + (first + i - 1)
            + " (consecutive years)");
      }
      if (!(v >= 0.0) || !Double.isFinite(v)) {
        throw MalformedDataException.atLine(file, i + 1, "value " + f[1].strip() + ", expected a finite number >= 0");
      }
      values[i - 1] = v;
    }
    return new YearlySeries(first, values);
  }

  private static boolean header(String line) {
    String[] f = line.strip().split(",", -1);
    return f.length == 2 && unquote(f[0]).equals("YEAR") && unquote(f[1]).equals("SUNACTIVITY");
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
