package org.rnnlab.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.rnnlab.results.AtomicWrite;
import org.rnnlab.results.Checksums;
import org.rnnlab.results.Temporaries;
import org.rnnlab.run.RunEnvironment;

/**
 * The code a Slurm run's jobs execute: a copy of the submitting JVM's class path (under {@code ./rnnlab}:
 * target/rnnlab.jar and target/lib/*.jar) in results/NAME/slurm/code/ID/, where ID is the first 12 hex digits of a
 * SHA-256 over the entries' names and contents (a jar's files, not its timestamps: the same code rebuilt is the same
 * snapshot). Array tasks start whenever the cluster has room, possibly hours after
 * the submission; running from the snapshot they run the code that wrote the plan whatever is rebuilt meanwhile,
 * and no task runs the launcher's Maven build (many tasks at once would race in one target/).
 *
 * @param dir the snapshot's directory, results/NAME/slurm/code/ID
 * @param id the content hash that names it
 * @param sources the class path entries copied, in class path order (jar files or class directories)
 * @param names their names in the snapshot, {@code NN-filename}, so that order and duplicates survive the copy
 */
public record CodeSnapshot(Path dir, String id, List<Path> sources, List<String> names) {
  /** The JVM options of the {@code rnnlab} launcher (a test checks that the launcher passes the same). */
  public static final List<String> JVM_OPTIONS =
      List.of("--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC", "-Xss8m");
  /** The CLI's main class. */
  static final String MAIN = "org.rnnlab.cli.Main";
  /** The file in a snapshot that says where it came from. */
  static final String ABOUT = "SNAPSHOT.txt";

  public CodeSnapshot {
    sources = List.copyOf(sources);
    names = List.copyOf(names);
  }

  /** The class path of this JVM, entries that do not exist left out (the JVM ignores them too). */
  public static List<Path> currentClassPath() {
    List<Path> out = new ArrayList<>();
    for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!e.isBlank() && Files.exists(Path.of(e))) {
        out.add(Path.of(e).toAbsolutePath().normalize());
      }
    }
    return out;
  }

  /**
   * The snapshot of {@code classPath} under {@code codeRoot} (results/NAME/slurm/code): its name and place,
   * computed from the entries' bytes; nothing is written until {@link #write}.
   */
  public static CodeSnapshot of(Path codeRoot, List<Path> classPath) {
    if (classPath.isEmpty()) {
      throw ClusterException.unavailable("slurm: this JVM's class path is empty, so there is no code to give the "
          + "array tasks; run rnnlab through ./rnnlab");
    }
    MessageDigest all = Checksums.digest();
    List<String> names = new ArrayList<>();
    try {
      for (int i = 0; i < classPath.size(); i++) {
        Path p = classPath.get(i);
        String name = String.format("%02d-%s", i, p.getFileName());
        names.add(name);
        all.update((name + "\n" + entryDigest(p) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw ClusterException.unavailable("slurm: cannot read the class path to snapshot it (" + e + ")");
    }
    String id = Checksums.hex(all).substring(0, 12);
    return new CodeSnapshot(codeRoot.toAbsolutePath().normalize().resolve(id), id, classPath, names);
  }

  /**
   * Copies the class path into {@link #dir} unless a snapshot of the same bytes is there already; the copy is made
   * under a temporary name and renamed whole, so a task never sees half of one. {@code codeVersion} (the commit)
   * goes into its {@value #ABOUT}.
   */
  public void write(String codeVersion) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path root = dir.getParent();
    Files.createDirectories(root);
    Temporaries.clean(root);
    Path tmp = root.resolve(AtomicWrite.temporaryName(id));
    try {
      Files.createDirectory(tmp);
      StringBuilder about = new StringBuilder("rnnlab code snapshot " + id + " of " + codeVersion + ", made "
          + Instant.now() + " from:\n");
      for (int i = 0; i < sources.size(); i++) {
        copyTree(sources.get(i), tmp.resolve(names.get(i)));
        about.append(names.get(i)).append("\t").append(sources.get(i)).append("\n");
      }
      Files.writeString(tmp.resolve(ABOUT), about.toString(), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // a concurrent submission made the same snapshot: same name, same bytes
      }
    } finally {
      Temporaries.deleteTree(tmp);
    }
  }

  /** The snapshot's class path, in the original order. */
  public String classPath() {
    return String.join(File.pathSeparator, names.stream().map(n -> dir.resolve(n).toString()).toList());
  }

  /** What the code version of a trial run from this snapshot says: the commit, and that it ran from here. */
  public String codeVersion(String commit) {
    return commit + " (code snapshot " + id + ")";
  }

  /**
   * The command that runs the CLI from the snapshot, as the launcher would but without building: {@code java}
   * (from PATH, as for the launcher) with the launcher's options, the project directory and the code version.
   */
  public List<String> javaCommand(Path home, String commit) {
    List<String> c = new ArrayList<>();
    c.add("java");
    c.addAll(JVM_OPTIONS);
    c.add("-Drnnlab.home=" + home.toAbsolutePath().normalize());
    c.add("-D" + RunEnvironment.CODE_VERSION_PROPERTY + "=" + codeVersion(commit));
    c.add("-cp");
    c.add(classPath());
    c.add(MAIN);
    return c;
  }

  /**
   * SHA-256 of a class directory's or a jar's entries: their names and bytes in name order (a jar's timestamps left
   * out, so that rebuilding the same code gives the same snapshot); of the file's bytes if it is no zip.
   */
  private static String entryDigest(Path p) throws IOException {
    MessageDigest d = Checksums.digest();
    if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
      try (ZipFile zip = new ZipFile(p.toFile())) {
        List<? extends ZipEntry> entries = zip.stream().filter(e -> !e.isDirectory())
            .sorted(Comparator.comparing(ZipEntry::getName)).toList();
        for (ZipEntry e : entries) {
          d.update((e.getName() + "\0").getBytes(StandardCharsets.UTF_8));
          try (InputStream in = zip.getInputStream(e)) {
            update(d, in);
          }
        }
        return Checksums.hex(d);
      } catch (ZipException notAZip) {
        d.reset();
      }
    }
    if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
          d.update((p.relativize(f).toString().replace(File.separatorChar, '/') + "\0")
              .getBytes(StandardCharsets.UTF_8));
          update(d, f);
        }
      }
    } else {
      update(d, p);
    }
    return Checksums.hex(d);
  }

  private static void update(MessageDigest d, Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      update(d, in);
    }
  }

  private static void update(MessageDigest d, InputStream in) throws IOException {
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      d.update(buf, 0, n);
    }
  }

  /** Copies a file, or a directory with everything in it, to {@code to} (which must not exist). */
  public static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
      return;
    }
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.sorted().toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
