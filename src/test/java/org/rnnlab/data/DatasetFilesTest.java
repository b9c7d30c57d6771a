package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.results.Checksums;
import org.rnnlab.spec.Catalog;
import org.rnnlab.task.TaskConfig;

/**
 * Every dataset file a run reads is checked against the pinned manifest before it is parsed:
 * a tiny generated sunspots CSV and MNIST digit files in the real formats, sealed as if fetched,
 * then truncated, replaced, edited or removed.
 */
class DatasetFilesTest {
  @TempDir Path data;
  private AutoCloseable pin;

  @BeforeEach
  void useDataDir() {
    System.setProperty("rnnlab.data", data.toString());
  }

  @AfterEach
  void restore() throws Exception {
    System.clearProperty("rnnlab.data");
    if (pin != null) {
      pin.close();
    }
  }

  private Path sunspots(int years) throws IOException {
    Path dir = Files.createDirectories(data.resolve("sunspots"));
    StringBuilder csv = new StringBuilder("\"YEAR\",\"SUNACTIVITY\"\n");
    for (int i = 0; i < years; i++) {
      csv.append(1700 + i).append(',').append(50 + 40 * Math.sin(i * 0.55) + i % 7).append('\n');
    }
    Files.writeString(dir.resolve("sunspots.csv"), csv);
    pin = DatasetFixture.seal(dir, "sunspots");
    return dir.resolve("sunspots.csv");
  }

  private static TaskConfig task(String json) throws IOException {
    return Catalog.standard().mapper().readValue(json, TaskConfig.class);
  }

  private static void assertOneLineNaming(String message, String file, String name) {
    assertFalse(message.contains("\n"), message);
    assertTrue(message.contains(file), message);
    assertTrue(message.contains("./rnnlab data fetch " + name + " --force"), message);
  }

  @Test
  void aTruncatedFileIsRefusedBeforeItIsParsedAndWhenPlanning() throws IOException {
    Path csv = sunspots(120);
    TaskConfig sunspots = task("{\"type\": \"sunspots\"}");
    assertNull(Datasets.missing("sunspots"), "intact");
    assertNotNull(sunspots.create());
    byte[] all = Files.readAllBytes(csv);
    Files.write(csv, java.util.Arrays.copyOf(all, all.length / 2)); // still a valid CSV: only the digest tells
    DatasetException e = assertThrows(DatasetException.class, sunspots::create);
    assertOneLineNaming(e.getMessage(), csv.toString(), "sunspots");
    String planned = Datasets.missing("sunspots");
    assertNotNull(planned, "the cached check of the intact file is not reused once the file changed");
    assertOneLineNaming(planned, csv.toString(), "sunspots");
  }

  @Test
  void aFileWithTheSameSizeButOtherBytesIsRefused() throws IOException {
    Path csv = sunspots(60);
    String text = Files.readString(csv);
    Files.writeString(csv, text.replaceFirst("1701,", "1701,9")
        .replaceFirst("1702,([0-9])", "1702,")); // one digit moved: same length, other values
    assertEquals(text.length(), Files.readString(csv).length());
    DatasetException e = assertThrows(DatasetException.class, () -> DatasetFiles.open("sunspots").read("sunspots.csv"));
    assertOneLineNaming(e.getMessage(), csv.toString(), "sunspots");
  }

  @Test
  void anEditedManifestAMissingFileAndAnUnpinnedDatasetAreRefused() throws IOException {
    Path csv = sunspots(40);
    Path manifest = csv.resolveSibling(Manifest.FILE);
    String good = Files.readString(manifest);
    // the file and its manifest line changed together: the manifest is no longer the pinned one
    Files.writeString(csv, Files.readString(csv) + "1740,1\n");
    Files.writeString(manifest, Manifest.of(csv.getParent()));
    DatasetException e = assertThrows(DatasetException.class, () -> DatasetFiles.open("sunspots"));
    assertOneLineNaming(e.getMessage(), manifest.toString(), "sunspots");
    assertOneLineNaming(Datasets.missing("sunspots"), manifest.toString(), "sunspots");
    Files.writeString(manifest, good);
    Files.delete(csv);
    e = assertThrows(DatasetException.class, () -> task("{\"type\": \"sunspots\"}").create());
    assertOneLineNaming(e.getMessage(), csv.toString(), "sunspots");
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    Files.delete(manifest);
    e = assertThrows(DatasetException.class, () -> DatasetFiles.open("sunspots"));
    assertTrue(e.getMessage().contains("./rnnlab data fetch sunspots"), e.getMessage());
  }

  @Test
  void theRegisteredPinRefusesDataThatIsNotTheDownload() throws Exception {
    sunspots(30);
    pin.close();
    pin = null;
    DatasetException e = assertThrows(DatasetException.class, () -> DatasetFiles.open("sunspots"));
    assertTrue(e.getMessage().contains("is not the pinned manifest of sunspots"), e.getMessage());
  }

  @Test
  void aPinnedFileThatDoesNotParseIsOneLineNamingTheFileAndLine() throws IOException {
    Path dir = Files.createDirectories(data.resolve("sunspots"));
    Path csv = dir.resolve("sunspots.csv");
    Files.writeString(csv, "\"YEAR\",\"SUNACTIVITY\"\n1700,5\n1701,x7\n");
    pin = DatasetFixture.seal(dir, "sunspots");
    DatasetException e = assertThrows(DatasetException.class, () -> task("{\"type\": \"sunspots\"}").create());
    assertTrue(e.getMessage().startsWith(csv + ":3: "), e.getMessage());
    assertOneLineNaming(e.getMessage(), csv.toString(), "sunspots");
  }

  @Test
  void theDigestsOfTheFilesReadAreKeptForTheTrialsProvenance() throws IOException {
    Path csv = sunspots(120);
    task("{\"type\": \"sunspots\"}").create();
    assertEquals(Map.of("sunspots.csv", Checksums.sha256(Files.readAllBytes(csv))),
        DatasetFiles.verifiedDigests("sunspots"));
  }

  @Test
  void mnistWithOneDigitFileReplacedByAnotherIsRefused() throws Exception {
    Path dir = Files.createDirectories(data.resolve("mnist"));
    for (int d = 0; d < 10; d++) {
      StringBuilder sb = new StringBuilder("{\"data\": [");
      for (int i = 0; i < (3 + d % 2) * 784; i++) {
        sb.append(i == 0 ? "" : ",").append(((d * 7 + i) % 5) / 4.0);
      }
      Files.writeString(dir.resolve(d + ".json"), sb.append("]}").toString());
    }
    try (AutoCloseable mnist = DatasetFixture.seal(dir, "mnist")) {
      Files.copy(dir.resolve("1.json"), dir.resolve("7.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      TaskConfig seq = task("{\"type\": \"sequential_mnist\", \"dataset\": \"mnist\", \"order\": \"rows\"}");
      DatasetException e = assertThrows(DatasetException.class, seq::create);
      assertOneLineNaming(e.getMessage(), dir.resolve("7.json").toString(), "mnist");
      assertOneLineNaming(Datasets.missing("mnist"), dir.resolve("7.json").toString(), "mnist");
    }
  }
}
