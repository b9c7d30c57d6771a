package org.rnnlab.data.format;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.rnnlab.data.image.ByteImageSet;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al.; zalandoresearch/fashion-mnist), plain
 * or gzipped (detected by the gzip magic bytes 1f 8b): two zero bytes, a type byte (only 0x08,
 * unsigned byte, is read here), the number of dimensions, each dimension as a big-endian int32,
 * then the values in row-major order. Images are 3-dimensional (count, rows, cols), labels
 * 1-dimensional (count). Nothing may follow the data.
 */
public final class IdxParser {
  private static final int UNSIGNED_BYTE = 0x08;

  private IdxParser() {}

  /** An IDX file's dimensions and its unsigned-byte values. */
  public record IdxArray(int[] dims, byte[] data) {}

  /**
   * An images file and its labels file as one set, pixel value {@code b / 255.0}; the counts
   * must agree and every label must be below {@code classes}.
   */
  public static ByteImageSet readImageSet(Path images, Path labels, int classes) throws IOException {
    return parseImageSet(images, Files.readAllBytes(images), labels, Files.readAllBytes(labels), classes);
  }

  /** {@link #readImageSet} on the files' bytes (the paths are named in errors). */
  public static ByteImageSet parseImageSet(Path images, byte[] imageBytes, Path labels, byte[] labelBytes,
                                           int classes) throws IOException {
    IdxArray im = parse(images, imageBytes);
    if (im.dims().length != 3) {
      throw MalformedDataException.in(images, "has " + im.dims().length
          + " dimensions, expected 3 (count, rows, cols) for an images file");
    }
    IdxArray lb = parse(labels, labelBytes);
    if (lb.dims().length != 1) {
      throw MalformedDataException.in(labels, "has " + lb.dims().length + " dimensions, expected 1 for a labels file");
    }
    if (lb.dims()[0] != im.dims()[0]) {
      throw MalformedDataException.in(labels, "has " + lb.dims()[0] + " labels, expected " + im.dims()[0]
          + " (the image count of " + images.getFileName() + ")");
    }
    int[] y = new int[lb.data().length];
    for (int i = 0; i < y.length; i++) {
      y[i] = lb.data()[i] & 0xff;
      if (y[i] >= classes) {
        throw MalformedDataException.in(labels, "label " + i + " is " + y[i] + ", expected 0.." + (classes - 1));
      }
    }
    return new ByteImageSet(im.dims()[1], im.dims()[2], classes, im.data(), y);
  }

  /** Any unsigned-byte IDX file. */
  public static IdxArray read(Path file) throws IOException {
    return parse(file, Files.readAllBytes(file));
  }

  /** Any unsigned-byte IDX file given as its {@code bytes} ({@code file} is named in errors). */
  public static IdxArray parse(Path file, byte[] bytes) throws IOException {
    try (InputStream in = open(bytes)) {
      int z0 = in.read();
      int z1 = in.read();
      int type = in.read();
      int ndims = in.read();
      if (ndims < 0) {
        throw MalformedDataException.in(file, "ends inside the 4-byte IDX header, expected 00 00 08 and the number of dimensions");
      }
      if (z0 != 0 || z1 != 0) {
        throw MalformedDataException.in(file, String.format(
            "starts with bytes %02x %02x, expected the IDX magic 00 00 (type, dimensions)", z0, z1));
      }
      if (type != UNSIGNED_BYTE) {
        throw MalformedDataException.in(file, String.format("has IDX type 0x%02x, expected 0x08 (unsigned byte)", type));
      }
      if (ndims < 1 || ndims > 3) {
        throw MalformedDataException.in(file, "has " + ndims + " dimensions, expected 1 to 3");
      }
      int[] dims = new int[ndims];
      long total = 1;
      for (int d = 0; d < ndims; d++) {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
          throw MalformedDataException.in(file, "ends inside the IDX header, expected " + ndims + " dimension sizes");
        }
        dims[d] = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (dims[d] < 1) {
          throw MalformedDataException.in(file, "dimension " + d + " is " + dims[d] + ", expected >= 1");
        }
        total *= dims[d];
      }
      if (total > Integer.MAX_VALUE - 8) {
        throw MalformedDataException.in(file, "declares " + total + " values, expected at most "
            + (Integer.MAX_VALUE - 8) + " (one array)");
      }
      byte[] data = in.readNBytes((int) total);
      if (data.length < total) {
        throw MalformedDataException.in(file, "has " + data.length + " data bytes after the header, expected "
            + total + " (truncated?)");
      }
      if (in.read() >= 0) {
        throw MalformedDataException.in(file, "has bytes after the " + total + " declared values, expected the end");
      }
      return new IdxArray(dims, data);
    } catch (ZipException | EOFException e) {
      throw MalformedDataException.in(file, "is not a complete gzip stream (expected a gzipped IDX file): "
          + Snippets.oneLine(e.getMessage()));
    }
  }

  /** The file's bytes, decompressed when it starts with the gzip magic. */
  private static InputStream open(byte[] bytes) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes);
    if (bytes.length < 2 || (bytes[0] & 0xff) != 0x1f || (bytes[1] & 0xff) != 0x8b) {
      return in;
    }
    try {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }
}
