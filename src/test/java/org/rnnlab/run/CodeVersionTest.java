package org.rnnlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code version is the commit, "-dirty" when tracked code, the pom or tracked specs changed or an
 * untracked source file appeared; an untracked new spec (or a changed report) leaves it clean. A real
 * git repository in a temporary directory.
 */
class CodeVersionTest {
  @TempDir Path repo;
  private String oldHome;

  @BeforeEach
  void checkout() throws Exception {
    oldHome = System.getProperty("rnnlab.home");
    System.setProperty("rnnlab.home", repo.toString());
    write("src/main/A.java", "class A {}\n");
    write("pom.xml", "<project/>\n");
    write("experiments/one.json", "{}\n");
    write("reports/one/index.html", "<p>one</p>\n");
    git("init", "-q");
    git("add", "-A");
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "init");
  }

  @AfterEach
  void restore() {
    if (oldHome == null) {
      System.clearProperty("rnnlab.home");
    } else {
      System.setProperty("rnnlab.home", oldHome);
    }
  }

  private void write(String path, String text) throws IOException {
    Path f = repo.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
  }

  private String git(String... args) throws Exception {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "git";
    cmd[1] = "-C";
    cmd[2] = repo.toString();
    System.arraycopy(args, 0, cmd, 3, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor(), out);
    return out;
  }

  @Test
  void onlyChangesThatCanChangeNumbersMakeTheVersionDirty() throws Exception {
    String commit = git("rev-parse", "--short=12", "HEAD");
    assertEquals(commit, RunEnvironment.gitVersion());

    write("experiments/two.json", "{\"new\": true}\n");
    write("reports/one/index.html", "<p>regenerated</p>\n");
    assertEquals(commit, RunEnvironment.gitVersion(), "an untracked spec and a changed report are not code");

    write("experiments/one.json", "{\"changed\": 1}\n");
    assertEquals(commit + "-dirty", RunEnvironment.gitVersion(), "a changed tracked spec is");
    git("checkout", "--", "experiments/one.json");
    assertEquals(commit, RunEnvironment.gitVersion());

    git("add", "experiments/two.json");
    assertEquals(commit + "-dirty", RunEnvironment.gitVersion(), "a staged new spec is a tracked change");
    git("rm", "-q", "--cached", "experiments/two.json");

    write("src/main/B.java", "class B {}\n");
    assertTrue(RunEnvironment.gitVersion().endsWith("-dirty"), "an untracked source file can be compiled in");
    Files.delete(repo.resolve("src/main/B.java"));
    write("pom.xml", "<project><version>2</version></project>\n");
    assertEquals(commit + "-dirty", RunEnvironment.gitVersion());
  }
}
