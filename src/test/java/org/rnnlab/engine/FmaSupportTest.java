package org.rnnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM whose fma runs in software is detected, and says so in one line. */
class FmaSupportTest {
  /** Prints the warning, or "none". */
  public static void main(String[] args) {
    String w = FmaSupport.warning();
    System.out.println(w == null ? "none" : w);
  }

  @Test
  void thisJvmHasHardwareFma() {
    assertTrue(FmaSupport.hardware(), "the test machine's JVM uses the FMA intrinsic");
    assertNull(FmaSupport.warning());
  }

  @Test
  void aJvmWithoutTheIntrinsicIsDetected() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:-UseFMA", "-cp", System.getProperty("java.class.path"), FmaSupportTest.class.getName())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("rnnlab: this JVM runs Math.fma in software"), out);
    assertEquals(1, out.lines().count(), out);
  }
}
