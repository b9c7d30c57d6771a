package org.rnnlab.results;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * curve.csv ({@code step,metric,value}) and series.csv ({@code name,step,index,value}): values in
 * Java's shortest round-trip form ({@code Double.toString}), so that a file read back gives the
 * same doubles, and equal curves are equal bytes (make verify hashes them).
 */
public final class CurveCsv {
  private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();
  private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
  private static final String[] CURVE = {"step", "metric", "value"};
  private static final String[] SERIES = {"name", "step", "index", "value"};

  private CurveCsv() {}

  /** The text of curve.csv. */
  public static String curve(List<CurveRow> rows) {
    StringWriter w = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(w, WRITE.builder().setHeader(CURVE).build())) {
      for (CurveRow r : rows) {
        p.printRecord(r.step(), r.metric(), Double.toString(r.value()));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    return w.toString();
  }

  /** The text of series.csv. */
  public static String series(List<SeriesRow> rows) {
    StringWriter w = new StringWriter();
    try (CSVPrinter p = new CSVPrinter(w, WRITE.builder().setHeader(SERIES).build())) {
      for (SeriesRow r : rows) {
        p.printRecord(r.name(), r.step(), r.index(), Double.toString(r.value()));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return w.toString();
  }

  /** Parses curve.csv text; {@code file} names it in messages. */
  public static List<CurveRow> readCurve(String text, String file) throws ResultsException {
    List<CurveRow> out = new ArrayList<>();
    for (CSVRecord r : records(text, file, CURVE)) {
      out.add(new CurveRow(longAt(r, "step", file), r.get("metric"), doubleAt(r, "value", file)));
    }
    return out;
  }

  /** Parses series.csv text; {@code file} names it in messages. */
  public static List<SeriesRow> readSeries(String text, String file) throws ResultsException {
    List<SeriesRow> out = new ArrayList<>();
    for (CSVRecord r : records(text, file, SERIES)) {
      out.add(new SeriesRow(r.get("name"), longAt(r, "step", file), (int) longAt(r, "index", file),
          doubleAt(r, "value", file)));
    }
    return out;
  }

  private static List<CSVRecord> records(String text, String file, String[] columns) throws ResultsException {
    try (CSVParser p = READ.parse(new StringReader(text))) {
      for (String c : columns) {
        if (!p.getHeaderMap().containsKey(c)) {
          throw new ResultsException(file + ": no column \"" + c + "\"; expected " + String.join(",", columns));
        }
      }
      List<CSVRecord> rows = p.getRecords();
      for (CSVRecord r : rows) {
        if (r.size() != columns.length) {
          throw new ResultsException(file + ": line " + (r.getRecordNumber() + 1) + " has " + r.size()
              + " values, expected " + columns.length);
        }
      }
      return rows;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ResultsException re) {
        throw re;
      }
      throw new ResultsException(file + ": not valid CSV: " + e.getMessage());
    }
  }

  private static long longAt(CSVRecord r, String col, String file) throws ResultsException {
    try {
      return Long.parseLong(r.get(col));
    } catch (NumberFormatException e) {
      throw new ResultsException(file + ": line " + (r.getRecordNumber() + 1) + ": " + col + " \"" + r.get(col)
          + "\" is not an integer");
    }
  }

  private static double doubleAt(CSVRecord r, String col, String file) throws ResultsException {
    try {
      return Double.parseDouble(r.get(col));
    } catch (NumberFormatException e) {
      throw new ResultsException(file + ": line " + (r.getRecordNumber() + 1) + ": " + col + " \"" + r.get(col)
          + "\" is not a number");
    }
  }
}
