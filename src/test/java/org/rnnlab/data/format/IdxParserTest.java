package org.rnnlab.data.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.data.format.MalformedAsserts.assertMalformed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.image.ByteImageSet;

class IdxParserTest {
  @TempDir
  Path dir;

  /** An unsigned-byte IDX file: magic 00 00 08 ndims, big-endian sizes, data. */
  static byte[] idx(int[] dims, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(0);
    out.write(8);
    out.write(dims.length);
    for (int d : dims) {
      out.write(d >>> 24);
      out.write(d >>> 16);
      out.write(d >>> 8);
      out.write(d);
    }
    out.writeBytes(data);
    return out.toByteArray();
  }

  private Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      o.write(content);
    }
    return p;
  }

  private static byte[] pixels(int n, int rows, int cols) {
    byte[] b = new byte[n * rows * cols];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (i * 37 + 11);
    }
    return b;
  }

  @Test
  void readsGzippedAndPlainFilesAlike() throws IOException {
    byte[] px = pixels(3, 4, 5);
    byte[] lb = {2, 0, 9};
    for (boolean gz : new boolean[] {true, false}) {
      Path im = write("im" + gz, idx(new int[] {3, 4, 5}, px), gz);
      Path la = write("la" + gz, idx(new int[] {3}, lb), gz);
      ByteImageSet set = IdxParser.readImageSet(im, la, 10);
      assertEquals(3, set.size());
      assertEquals(4, set.rows());
      assertEquals(5, set.cols());
      for (int i = 0; i < 3; i++) {
        assertEquals(lb[i], set.label(i));
        double[] img = set.image(i);
        for (int p = 0; p < 20; p++) {
          double want = (px[i * 20 + p] & 0xff) / 255.0;
          assertEquals(want, set.pixel(i, p), 0.0);
          assertEquals(want, img[p], 0.0);
        }
      }
      assertArrayEquals(new int[] {3, 4, 5}, IdxParser.read(im).dims());
    }
  }

  @Test
  void badHeadersAndSizesFailWithOneLine() throws IOException {
    byte[] good = idx(new int[] {2, 2, 2}, pixels(2, 2, 2));
    byte[] magic = good.clone();
    magic[1] = 1;
    Path a = write("a", magic, true);
    assertMalformed(a, () -> IdxParser.read(a), "IDX magic 00 00");
    byte[] type = good.clone();
    type[2] = 0x0D;
    Path b = write("b", type, false);
    assertMalformed(b, () -> IdxParser.read(b), "type 0x0d", "0x08");
    Path c = write("c", Arrays.copyOf(good, good.length - 3), true);
    assertMalformed(c, () -> IdxParser.read(c), "5 data bytes", "expected 8");
    Path d = write("d", Arrays.copyOf(good, good.length + 1), true);
    assertMalformed(d, () -> IdxParser.read(d), "bytes after");
    Path e = write("e", Arrays.copyOf(good, 6), false);
    assertMalformed(e, () -> IdxParser.read(e), "IDX header");
    Path f = write("f", new byte[] {0, 0}, false);
    assertMalformed(f, () -> IdxParser.read(f), "4-byte IDX header");
  }

  @Test
  void aTruncatedGzipStreamIsReported() throws IOException {
    Path whole = write("whole", idx(new int[] {50, 4, 4}, pixels(50, 4, 4)), true);
    byte[] gz = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
    assertMalformed(cut, () -> IdxParser.read(cut), "gzip");
  }

  @Test
  void labelsMustMatchTheImagesAndTheClassCount() throws IOException {
    Path im = write("im", idx(new int[] {3, 2, 2}, pixels(3, 2, 2)), true);
    Path two = write("two", idx(new int[] {2}, new byte[] {1, 1}), true);
    assertMalformed(two, () -> IdxParser.readImageSet(im, two, 10), "2 labels", "expected 3");
    Path big = write("big", idx(new int[] {3}, new byte[] {1, 10, 1}), true);
    assertMalformed(big, () -> IdxParser.readImageSet(im, big, 10), "label 1 is 10", "0..9");
    assertMalformed(im, () -> IdxParser.readImageSet(im, im, 10), "3 dimensions", "expected 1");
    Path flat = write("flat", idx(new int[] {3, 4}, new byte[12]), true);
    assertMalformed(flat, () -> IdxParser.readImageSet(flat, two, 10), "2 dimensions", "expected 3");
  }
}
