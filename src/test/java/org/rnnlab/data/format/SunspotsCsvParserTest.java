package org.rnnlab.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.data.format.MalformedAsserts.assertMalformed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.series.YearlySeries;

class SunspotsCsvParserTest {
  @TempDir
  Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("sunspots.csv"), text);
  }

  @Test
  void readsTheHeaderAndConsecutiveYears() throws IOException {
    YearlySeries s = SunspotsCsvParser.read(write("\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,11\n1702,16.5\n2008,2.9\n"
        .replace("2008", "1703")));
    assertEquals(1700, s.firstYear());
    assertEquals(1703, s.lastYear());
    assertArrayEquals(new double[] {5, 11, 16.5, 2.9}, s.values(), 0.0);
    YearlySeries crlf = SunspotsCsvParser.read(write("\"YEAR\",\"SUNACTIVITY\"\r\n1990,142.6\r\n1991,145.7\r\n\r\n"));
    assertArrayEquals(new double[] {142.6, 145.7}, crlf.values(), 0.0);
    assertEquals(1991, crlf.year(1));
  }

  @Test
  void badLinesFailWithTheirLineNumber() throws IOException {
    Path a = write("YEAR;SUNACTIVITY\n1700,5\n");
    assertMalformed(a, () -> SunspotsCsvParser.read(a), ":1:", "\"YEAR\",\"SUNACTIVITY\"");
    Path b = write("\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1702,3\n");
    assertMalformed(b, () -> SunspotsCsvParser.read(b), ":3:", "year 1702", "1701");
    Path c = write("\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,-1\n");
    assertMalformed(c, () -> SunspotsCsvParser.read(c), ":3:", ">= 0");
    Path d = write("\"YEAR\",\"SUNACTIVITY\"\n1700,five\n");
    assertMalformed(d, () -> SunspotsCsvParser.read(d), ":2:", "'1700,five'", "decimal number");
    Path e = write("\"YEAR\",\"SUNACTIVITY\"\n1700,5,6\n");
    assertMalformed(e, () -> SunspotsCsvParser.read(e), ":2:", "year,value");
    Path f = write("\"YEAR\",\"SUNACTIVITY\"\n1700,NaN\n");
    assertMalformed(f, () -> SunspotsCsvParser.read(f), ":2:");
    Path g = write("\"YEAR\",\"SUNACTIVITY\"\n\n");
    assertMalformed(g, () -> SunspotsCsvParser.read(g), "no data lines");
    Path h = write("\"YEAR\",\"SUNACTIVITY\"\n1700,5\n\n1701,6\n");
    assertMalformed(h, () -> SunspotsCsvParser.read(h), ":3:");
  }
}
