package org.rnnlab.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.data.format.MalformedAsserts.assertMalformed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.image.DoubleImageSet;

class MnistJsonParserTest {
  @TempDir
  Path dir;

  /** Pixel p of image i of digit d: distinct values in [0, 1] written with 3 decimals, as the package does. */
  private static String value(int d, int i, int p) {
    int milli = (d * 131 + i * 71 + p * 7) % 1001;
    return milli == 0 ? "0" : milli == 1000 ? "1" : String.format("0.%03d", milli);
  }

  private void writeDigits(int[] counts) throws IOException {
    for (int d = 0; d < 10; d++) {
      StringBuilder sb = new StringBuilder("{ \"data\": [");
      for (int i = 0; i < counts[d]; i++) {
        for (int p = 0; p < 784; p++) {
          sb.append(i == 0 && p == 0 ? "" : ",").append(value(d, i, p));
        }
      }
      Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
    }
  }

  @Test
  void readsTheTenFilesInDigitOrderWithRowMajorPixels() throws IOException {
    int[] counts = {2, 1, 3, 1, 1, 2, 1, 1, 1, 2};
    writeDigits(counts);
    DoubleImageSet set = MnistJsonParser.readDirectory(dir);
    assertEquals(15, set.size());
    assertEquals(28, set.rows());
    assertEquals(28, set.cols());
    assertArrayEquals(counts, set.classCounts());
    int k = 0;
    for (int d = 0; d < 10; d++) {
      for (int i = 0; i < counts[d]; i++, k++) {
        assertEquals(d, set.label(k));
        for (int p : new int[] {0, 1, 27, 28, 400, 783}) {
          assertEquals(Double.parseDouble(value(d, i, p)), set.pixel(k, p), 0.0, "digit " + d + " image " + i);
        }
      }
    }
  }

  @Test
  void aMissingDigitFileIsNamed() throws IOException {
    writeDigits(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    Files.delete(dir.resolve("3.json"));
    assertMalformed(dir, () -> MnistJsonParser.readDirectory(dir), "3.json", "0.json..9.json");
  }

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("7.json"), content);
  }

  private static String zeros(int n) {
    return "0" + ",0".repeat(n - 1);
  }

  @Test
  void badFilesFailWithOneLineSayingWhatWasExpected() throws IOException {
    Path f = file("[1, 2]");
    assertMalformed(f, () -> MnistJsonParser.readDigitFile(f), "JSON object", "line 1 column 1");
    Path g = file("{\"pixels\": [0]}");
    assertMalformed(g, () -> MnistJsonParser.readDigitFile(g), "\"data\"", "'pixels'");
    Path h = file("{\"data\": [0, \"x\"]}");
    assertMalformed(h, () -> MnistJsonParser.readDigitFile(h), "a number", "'x'");
    Path i = file("{\"data\": [" + zeros(783) + ",1.5]}");
    assertMalformed(i, () -> MnistJsonParser.readDigitFile(i), "[0, 1]", "'1.5'");
    Path j = file("{\"data\": [" + zeros(785) + "]}");
    assertMalformed(j, () -> MnistJsonParser.readDigitFile(j), "785 values", "multiple of 784");
    Path k = file("{\"data\": []}");
    assertMalformed(k, () -> MnistJsonParser.readDigitFile(k), "0 values");
    Path l = file("{\"data\": [" + zeros(784) + "], \"more\": 1}");
    assertMalformed(l, () -> MnistJsonParser.readDigitFile(l), "end of the object", "'more'");
  }

  @Test
  void aTruncatedFileIsInvalidJsonWithItsPosition() throws IOException {
    Path f = file("{ \"data\": [0,0.5,0.2");
    assertMalformed(f, () -> MnistJsonParser.readDigitFile(f), "not valid JSON", "line 1");
  }
}
