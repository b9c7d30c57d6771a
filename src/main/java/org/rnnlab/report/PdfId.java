package org.rnnlab.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnlab.results.Checksums;

/**
 * PDFBox gives every PDF it writes a file identifier ({@code /ID}) made from the clock, so the same
 * chart drawn twice gave different bytes and a report could not be rebuilt bit for bit. This
 * replaces it with one made from the file's content (the first 16 bytes of the SHA-256 of the file
 * with the identifier zeroed), as the PDF standard allows; the length stays the same, so no offset
 * in the file moves.
 */
final class PdfId {
  private static final Pattern ID = Pattern.compile("/ID \\[<([0-9A-Fa-f]{32})> <([0-9A-Fa-f]{32})>]");

  private PdfId() {}

  /** {@code pdf} with a content-derived identifier; unchanged if it has no single identifier of 16 bytes. */
  static byte[] fixed(byte[] pdf) {
    String text = new String(pdf, StandardCharsets.ISO_8859_1); // one char per byte: indices are offsets
    Matcher m = ID.matcher(text);
    if (!m.find()) {
      return pdf;
    }
    int first = m.start(1);
    int second = m.start(2);
    if (m.find()) {
      return pdf; // more than one: not a file this was written for
    }
    byte[] out = pdf.clone();
    Arrays.fill(out, first, first + 32, (byte) '0');
    Arrays.fill(out, second, second + 32, (byte) '0');
    byte[] id = HexFormat.of().withUpperCase().formatHex(HexFormat.of().parseHex(Checksums.sha256(out)), 0, 16)
        .getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(id, 0, out, first, 32);
    System.arraycopy(id, 0, out, second, 32);
    return out;
  }
}
