package org.rnnlab.report;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart's pixels in at most 256 colours, for PNG files about a third the size of true colour. A chart
 * is a few flat colours plus the blends antialiasing makes at their edges. The palette takes the
 * {@link #FREQUENT} most frequent colours, then, one at a time, the colour whose pixels are worst served
 * so far (count times squared distance to its nearest palette colour), so that a few translucent markers
 * of a colour of their own (a clip trace's red dots over blue) keep it; every other pixel takes the
 * nearest palette colour (squared RGB distance, the lower index on a tie). Ties are broken by colour
 * value, so the file is the same on every machine; an image of at most 256 colours is kept exactly.
 */
final class PngPalette {
  /** Palette entries given by frequency alone; the rest go to the worst-served colours. */
  static final int FREQUENT = 192;

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
    int first = Math.min(FREQUENT, n);
    for (int i = 0; i < first; i++) {
      palette[i] = byCount.get(i).getKey();
    }
    if (n > first) {
      int m = byCount.size();
      int[] colour = new int[m];
      long[] count = new long[m];
      long[] served = new long[m]; // squared distance to the nearest palette colour so far
      for (int j = 0; j < m; j++) {
        colour[j] = byCount.get(j).getKey();
        count[j] = byCount.get(j).getValue();
        served[j] = Long.MAX_VALUE;
        for (int i = 0; i < first; i++) {
          served[j] = Math.min(served[j], distance(palette[i], colour[j]));
        }
      }
      for (int i = first; i < n; i++) {
        int worst = -1;
        for (int j = 0; j < m; j++) { // byCount order: on equal cost the more frequent, then the lower value
          if (worst < 0 || count[j] * served[j] > count[worst] * served[worst]) {
            worst = j;
          }
        }
        palette[i] = colour[worst];
        for (int j = 0; j < m; j++) {
          served[j] = Math.min(served[j], distance(palette[i], colour[j]));
        }
      }
    }
    Map<Integer, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
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

  private static long distance(int a, int c) {
    long dr = ((a >> 16) & 0xFF) - ((c >> 16) & 0xFF);
    long dg = ((a >> 8) & 0xFF) - ((c >> 8) & 0xFF);
    long db = (a & 0xFF) - (c & 0xFF);
    return dr * dr + dg * dg + db * db;
  }

  private static int nearest(int[] palette, int c) {
    int best = 0;
    long bestD = Long.MAX_VALUE;
    for (int i = 0; i < palette.length; i++) {
      long d = distance(palette[i], c);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }
}
