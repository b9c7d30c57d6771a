package org.rnnlab.report;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.rnnlab.results.Checksums;

/**
 * PDFBox gives every PDF it writes a file identifier ({@code /ID}) made from the clock, so the same
 * chart drawn twice gave different bytes and a report could not be rebuilt bit for bit. This
 * replaces it with one made from the content: the first 16 bytes of the SHA-256 of the file without
 * its identifier, as a hex string. The identifier sits in the trailer (or the cross-reference
 * stream's dictionary), after every byte an offset of the file points to, so changing its length
 * (PDFBox writes it as a literal string when its bytes happen to be ASCII) moves nothing referenced.
 */
final class PdfId {
  private static final String KEY = "/ID [";

  private PdfId() {}

  /** {@code pdf} with a content-derived identifier; unchanged if it has no identifier of two strings. */
  static byte[] fixed(byte[] pdf) {
    String text = new String(pdf, StandardCharsets.ISO_8859_1); // one char per byte: indices are offsets
    int start = text.lastIndexOf(KEY);
    if (start < 0) {
      return pdf;
    }
    int i = skipString(text, start + KEY.length());
    i = i < 0 ? -1 : skipString(text, skipSpaces(text, i));
    if (i < 0 || i >= text.length() || text.charAt(i) != ']') {
      return pdf; // not the two strings PDFBox writes: leave the file as it is
    }
    int end = i + 1;
    ByteArrayOutputStream without = new ByteArrayOutputStream(pdf.length);
    without.write(pdf, 0, start);
    without.write(pdf, end, pdf.length - end);
    String id = Checksums.sha256(without.toByteArray()).substring(0, 32).toUpperCase(java.util.Locale.ROOT);
    ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 80);
    out.write(pdf, 0, start);
    out.writeBytes(("/ID [<" + id + "> <" + id + ">]").getBytes(StandardCharsets.ISO_8859_1));
    out.write(pdf, end, pdf.length - end);
    return out.toByteArray();
  }

  /** The index after the PDF string (hex {@code <..>} or literal {@code (..)}) at {@code i}, or -1. */
  private static int skipString(String s, int i) {
    if (i >= s.length()) {
      return -1;
    }
    if (s.charAt(i) == '<') {
      int close = s.indexOf('>', i);
      return close < 0 || !isHex(s, i + 1, close) ? -1 : close + 1;
    }
    if (s.charAt(i) != '(') {
      return -1;
    }
    int depth = 0;
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '\\') {
        j++; // the escaped character, whatever it is
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return j + 1;
      }
    }
    return -1;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
      i++;
    }
    return i;
  }

  private static boolean isHex(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!HexFormat.isHexDigit(s.charAt(k)) && s.charAt(k) != ' ') {
        return false;
      }
    }
    return true;
  }
}
