package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;

/** PNG pixels in at most 256 colours: exact when a chart has that few, else the frequent ones exact. */
class PngPaletteTest {
  @Test
  void anImageOfAtMost256ColoursIsKeptExactly() {
    BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        img.setRGB(x, y, ((x * 6 + y) % 256) * 0x010203 & 0xFFFFFF); // 256 distinct colours
      }
    }
    BufferedImage out = PngPalette.indexed(img);
    assertTrue(out.getColorModel() instanceof IndexColorModel);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        assertEquals(img.getRGB(x, y) & 0xFFFFFF, out.getRGB(x, y) & 0xFFFFFF, x + "," + y);
      }
    }
  }

  @Test
  void rareColoursTakeTheNearestFrequentOne() {
    // 300 flat colours, each on a 4-pixel block (frequent), and one pixel each of 50 off-by-one blends (rare)
    BufferedImage img = new BufferedImage(1250, 1, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 1200; i++) {
      img.setRGB(i, 0, colour(i / 4));
    }
    for (int i = 0; i < 50; i++) {
      img.setRGB(1200 + i, 0, colour(i) + 1); // blue one step off colour(i)
    }
    BufferedImage out = PngPalette.indexed(img);
    assertEquals(256, ((IndexColorModel) out.getColorModel()).getMapSize());
    for (int i = 0; i < 50; i++) {
      // colours 0..255 by frequency ties broken by value: colour(i) for small i is among them and the nearest
      assertEquals(colour(i), out.getRGB(1200 + i, 0) & 0xFFFFFF, "blend " + i);
    }
    int exact = 0;
    for (int i = 0; i < 1200; i++) {
      if ((out.getRGB(i, 0) & 0xFFFFFF) == colour(i / 4)) {
        exact++;
      }
    }
    assertEquals(256 * 4, exact, "the 256 kept colours are exact, the other 44 mapped");
  }

  @Test
  void aFewPixelsOfADistinctColourKeepIt() {
    // 300 frequent blue-grey blends (as behind a clip trace) and 5 red marker pixels, the rarest colour
    BufferedImage img = new BufferedImage(3005, 1, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 3000; i++) {
      img.setRGB(i, 0, colour(i / 10));
    }
    for (int i = 3000; i < 3005; i++) {
      img.setRGB(i, 0, 0xD62728);
    }
    BufferedImage out = PngPalette.indexed(img);
    assertEquals(0xD62728, out.getRGB(3002, 0) & 0xFFFFFF, "the red markers turned another colour");
  }

  private static int colour(int k) {
    return k << 8 | 0x40; // distinct and increasing for k < 65536, so ties of frequency keep the smallest k
  }
}
