package org.rnnlab.report;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart's pixels in at most 256 colours, for PNG files about a third the size of true colour. A chart
 * is a few flat colours plus the blends antialiasing makes at their edges: the 256 most frequent colours
 * are kept exactly (ties by colour value, so the file is the same on every machine), and every other
 * pixel, a rare blend, takes the nearest of them (squared RGB distance, the lower index on a tie).
 */
final class PngPalette {
  private PngPalette() {}

  /** {@code image} (TYPE_INT_RGB) as an indexed image; lossless when it has at most 256 colours. */
  static BufferedImage indexed(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    Map<Integer, Integer> counts = new HashMap<>();
    for (int p : rgb) {
      counts.merge(p & 0xFFFFFF, 1, Integer::sum);
    }
    List<Map.Entry<Integer, Integer>> byCount = new ArrayList<>(counts.entrySet());
    byCount.sort((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(a.getKey(), b.getKey())
        : Integer.compare(b.getValue(), a.getValue()));
    int n = Math.min(256, byCount.size());
    int[] palette = new int[n];
    Map<Integer, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      palette[i] = byCount.get(i).getKey();
      index.put(palette[i], i);
    }
    byte[] r = new byte[n];
    byte[] g = new byte[n];
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      r[i] = (byte) (palette[i] >> 16);
      g[i] = (byte) (palette[i] >> 8);
      b[i] = (byte) palette[i];
    }
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, n, r, g, b));
    byte[] pixels = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < rgb.length; i++) {
      pixels[i] = (byte) (int) index.computeIfAbsent(rgb[i] & 0xFFFFFF, c -> nearest(palette, c));
    }
    return out;
  }

  private static int nearest(int[] palette, int c) {
    int best = 0;
    long bestD = Long.MAX_VALUE;
    for (int i = 0; i < palette.length; i++) {
      long dr = ((palette[i] >> 16) & 0xFF) - ((c >> 16) & 0xFF);
      long dg = ((palette[i] >> 8) & 0xFF) - ((c >> 8) & 0xFF);
      long db = (palette[i] & 0xFF) - (c & 0xFF);
      long d = dr * dr + dg * dg + db * db;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }
}
