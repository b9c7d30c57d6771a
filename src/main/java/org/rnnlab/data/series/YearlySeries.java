package org.rnnlab.data.series;

/** A yearly time series: {@code values[i]} is the value of year {@code firstYear + i}. */
public record YearlySeries(int firstYear, double[] values) {
  public YearlySeries {
    values = values.clone();
  }

  /** Number of years. */
  public int size() {
    return values.length;
  }

  /** The year of index {@code i}. */
  public int year(int i) {
    return firstYear + i;
  }

  /** The last year. */
  public int lastYear() {
    return firstYear + values.length - 1;
  }

  /** The values (a copy). */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** The value of index {@code i}. */
  public double value(int i) {
    return values[i];
  }
}
