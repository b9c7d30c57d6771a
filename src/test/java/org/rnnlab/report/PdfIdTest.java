package org.rnnlab.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * A chart's PDF gets an identifier from its content, whatever PDFBox drew from the clock and in
 * whichever form it wrote it (hex, or a literal string with escapes when its bytes are ASCII), and
 * stays a valid PDF.
 */
class PdfIdTest {
  private static final Pattern HEX_ID = Pattern.compile("/ID \\[<[0-9A-F]{32}> <[0-9A-F]{32}>]");

  private static byte[] chartPdf() throws IOException {
    XYChart c = new XYChartBuilder().width(300).height(200).title("t").build();
    c.addSeries("s", new double[] {1, 2, 3}, new double[] {3, 1, 2});
    return Charts.pdf(c);
  }

  @Test
  void theIdentifierComesFromTheContentInEitherForm() throws IOException {
    byte[] a = chartPdf();
    String text = new String(a, StandardCharsets.ISO_8859_1);
    Matcher m = HEX_ID.matcher(text);
    assertTrue(m.find(), "PDFBox wrote no hex /ID; its form changed");
    // the same chart with another clock-made identifier, once hex and once as an escaped literal string
    String otherHex = text.substring(0, m.start()) + "/ID [<00112233445566778899AABBCCDDEEFF> "
        + "<00112233445566778899AABBCCDDEEFF>]" + text.substring(m.end());
    String literal = text.substring(0, m.start()) + "/ID [(\u001aCy\\\\Tg\u0007b|Z\\)\u0000M\u0018\"(-m)) "
        + "(\u001aCy\\\\Tg\u0007b|Z\\)\u0000M\u0018\"(-m))]" + text.substring(m.end());
    byte[] fixed = PdfId.fixed(a);
    assertArrayEquals(fixed, PdfId.fixed(otherHex.getBytes(StandardCharsets.ISO_8859_1)));
    assertArrayEquals(fixed, PdfId.fixed(literal.getBytes(StandardCharsets.ISO_8859_1)));
    assertArrayEquals(fixed, PdfId.fixed(fixed), "fixing twice changes nothing");
    assertEquals(1, HEX_ID.matcher(new String(fixed, StandardCharsets.ISO_8859_1)).results().count());
    try (PDDocument d = Loader.loadPDF(fixed)) {
      assertEquals(1, d.getNumberOfPages());
      COSArray id = d.getDocument().getTrailer().getCOSArray(COSName.ID);
      assertEquals(16, ((COSString) id.getObject(0)).getBytes().length);
    }
  }

  @Test
  void aFileWithoutAnIdentifierIsLeftAsItIs() {
    byte[] none = "%PDF-1.6\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);
    assertArrayEquals(none, PdfId.fixed(none));
  }
}
