package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeSnapshotTest {
  @TempDir Path dir;

  private List<Path> classPath() throws IOException {
    Path lib = Files.createDirectories(dir.resolve("target/lib"));
    Path jar = Files.write(dir.resolve("target/rnnlab.jar"), new byte[] {1, 2, 3});
    Path dep = Files.write(lib.resolve("dep.jar"), new byte[] {4, 5});
    Path classes = Files.createDirectories(dir.resolve("target/classes/org/x"));
    Files.write(classes.resolve("A.class"), new byte[] {6});
    return List.of(jar, dep, dir.resolve("target/classes"));
  }

  @Test
  void theSnapshotIsNamedByItsBytesAndCopiesThemInClassPathOrder() throws IOException {
    List<Path> cp = classPath();
    Path root = dir.resolve("results/x/slurm/code");
    CodeSnapshot s = CodeSnapshot.of(root, cp);
    assertEquals(12, s.id().length());
    assertEquals(s.id(), CodeSnapshot.of(root, cp).id(), "the same bytes, the same name");
    assertTrue(!Files.exists(root), "nothing written before write()");
    s.write("abc123");
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(s.dir().resolve("00-rnnlab.jar")));
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(s.dir().resolve("01-dep.jar")));
    assertArrayEquals(new byte[] {6}, Files.readAllBytes(s.dir().resolve("02-classes/org/x/A.class")));
    assertEquals(String.join(File.pathSeparator, s.dir().resolve("00-rnnlab.jar").toString(),
        s.dir().resolve("01-dep.jar").toString(), s.dir().resolve("02-classes").toString()), s.classPath());
    assertTrue(Files.readString(s.dir().resolve("SNAPSHOT.txt")).startsWith("rnnlab code snapshot " + s.id()
        + " of abc123"));
    try (Stream<Path> l = Files.list(root)) {
      assertEquals(List.of(s.dir()), l.toList(), "no temporary left");
    }

    // a rebuild while tasks wait: a new snapshot beside the old one, which stays as it was
    Files.write(cp.get(0), new byte[] {1, 2, 4});
    CodeSnapshot rebuilt = CodeSnapshot.of(root, cp);
    assertNotEquals(s.id(), rebuilt.id());
    rebuilt.write("abc124");
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(s.dir().resolve("00-rnnlab.jar")));
    Files.write(dir.resolve("target/classes/org/x/A.class"), new byte[] {7});
    assertNotEquals(rebuilt.id(), CodeSnapshot.of(root, cp).id(), "a class directory's bytes count too");
  }

  private static void jar(Path f, long time, String content) throws IOException {
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
      java.util.zip.ZipEntry e = new java.util.zip.ZipEntry("org/x/A.class");
      e.setTime(time);
      z.putNextEntry(e);
      z.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      z.closeEntry();
    }
  }

  @Test
  void theSameCodeRebuiltIsTheSameSnapshotOtherCodeIsNot() throws IOException {
    Path jar = dir.resolve("rnnlab.jar");
    jar(jar, 1_000_000_000_000L, "code");
    String first = CodeSnapshot.of(dir.resolve("code"), List.of(jar)).id();
    byte[] firstBytes = Files.readAllBytes(jar);
    jar(jar, 1_700_000_000_000L, "code");
    assertTrue(!java.util.Arrays.equals(firstBytes, Files.readAllBytes(jar)), "the rebuild's bytes differ");
    assertEquals(first, CodeSnapshot.of(dir.resolve("code"), List.of(jar)).id(), "timestamps do not count");
    jar(jar, 1_700_000_000_000L, "other code");
    assertNotEquals(first, CodeSnapshot.of(dir.resolve("code"), List.of(jar)).id());
  }

  @Test
  void theJavaCommandRunsTheCliFromTheSnapshotWithTheCodeVersion() throws IOException {
    CodeSnapshot s = CodeSnapshot.of(dir.resolve("code"), classPath());
    List<String> c = s.javaCommand(dir, "abc123");
    assertEquals("java", c.get(0));
    assertEquals(CodeSnapshot.JVM_OPTIONS, c.subList(1, 1 + CodeSnapshot.JVM_OPTIONS.size()));
    assertTrue(c.contains("-Drnnlab.home=" + dir));
    assertTrue(c.contains("-Drnnlab.code-version=abc123 (code snapshot " + s.id() + ")"), c.toString());
    assertEquals(List.of("-cp", s.classPath(), "org.rnnlab.cli.Main"), c.subList(c.size() - 3, c.size()));
  }

  @Test
  void theLauncherPassesTheSameJvmOptions() throws IOException {
    // the project's launcher, from the directory the tests run in (the checkout)
    String launcher = Files.readString(Path.of("rnnlab"));
    assertTrue(launcher.contains("cmd=(java " + String.join(" ", CodeSnapshot.JVM_OPTIONS) + " -Drnnlab.home="),
        "the batch scripts and ./rnnlab run the JVM alike");
  }
}
