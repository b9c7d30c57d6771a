package org.rnnlab.task.series;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rnnlab.config.Hyper;
import org.rnnlab.data.DataDir;
import org.rnnlab.data.DatasetFiles;
import org.rnnlab.data.format.SunspotsCsvParser;
import org.rnnlab.data.series.YearlySeries;

/**
 * Forecasting the yearly mean sunspot numbers 1700-2008 (dataset {@code sunspots}: statsmodels'
 * copy from the Debian package python3-statsmodels, fetched by {@code ./rnnlab data fetch sunspots}):
 * read the year's value, predict the value k years later. Split in time (70 / 10 / 20%: the test
 * part is the last 20% of the years) and standardised by the training part only.
 */
public final class SunspotsTask extends SeriesTask {
  /** The dataset this task reads. */
  public static final String DATASET = "sunspots";
  private static final String FILE = "sunspots.csv";

  /** Spec record: {@code {"type": "sunspots", "look_ahead": 1}}. */
  public record Config(
      @Hyper(doc = "Years ahead k of the target.", min = 1, defaultValue = "1") Integer lookAhead,
      @Hyper(doc = "Standardise by the training part's mean and sd (RMSE stays in sunspot numbers).",
          defaultValue = "true") Boolean standardize) implements SeriesTaskConfig {
    public Config {
      lookAhead = lookAhead == null ? 1 : lookAhead;
      standardize = standardize == null || standardize;
      if (lookAhead < 1 || lookAhead > 100) {
        throw new IllegalArgumentException("sunspots look_ahead must be in 1..100, got " + lookAhead);
      }
    }

    @Override
    public int typicalLength() {
      return 309;
    }

    @Override
    public List<String> datasets() {
      return List.of(DATASET);
    }

    @Override
    public SunspotsTask create() {
      return new SunspotsTask(this, read());
    }
  }

  private final Config config;
  private final YearlySeries years;

  private SunspotsTask(Config c, YearlySeries years) {
    this(c, years, LookAhead.of(years.values(), c.lookAhead()));
  }

  private SunspotsTask(Config c, YearlySeries years, LookAhead pairs) {
    super(pairs.input(), pairs.target(), c.lookAhead(), c.standardize());
    this.config = c;
    this.years = years;
  }

  /** The file of the fetched dataset. */
  public static Path file() {
    return DataDir.of(DATASET).resolve(FILE);
  }

  /** The fetched file, its SHA-256 checked against the pinned manifest before it is parsed. */
  private static YearlySeries read() {
    DatasetFiles files = DatasetFiles.open(DATASET);
    byte[] bytes = files.read(FILE);
    try {
      return SunspotsCsvParser.parse(files.dir().resolve(FILE), bytes);
    } catch (IOException e) {
      throw files.malformed(e);
    }
  }

  @Override
  public String describe() {
    return "yearly sunspot numbers " + years.firstYear() + "-" + years.lastYear() + " (statsmodels via Debian "
        + "python3-statsmodels), read year t, predict year t+" + config.lookAhead() + "; " + splitText();
  }
}
