package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.rnnlab.data.Split;

/**
 * The Brown corpus (Francis and Kucera 1964/1979) as read from its files, file names sorted,
 * with the split by file of issue 12: in the sorted list of file names, the file at (0-based)
 * index i is test if i % 10 == 0 (ca01, ca11, ...), validation if i % 10 == 5 (ca06, ca16, ...),
 * train otherwise. On the 500 files: 50 test, 50 validation, 400 train files.
 */
public final class BrownCorpus {
  private final List<String> files;
  private final List<List<TaggedSentence>> sentences;

  /** @param files sorted file names; @param sentences the sentences of each file, in file order */
  public BrownCorpus(List<String> files, List<List<TaggedSentence>> sentences) {
    if (files.size() != sentences.size()) {
      throw new IllegalArgumentException(files.size() + " files but " + sentences.size() + " sentence lists");
    }
    for (int i = 1; i < files.size(); i++) {
      if (files.get(i - 1).compareTo(files.get(i)) >= 0) {
        throw new IllegalArgumentException("file names must be sorted and distinct: " + files.get(i - 1)
            + " before " + files.get(i));
      }
    }
    this.files = List.copyOf(files);
    List<List<TaggedSentence>> copy = new ArrayList<>();
    for (List<TaggedSentence> s : sentences) {
      copy.add(List.copyOf(s));
    }
    this.sentences = List.copyOf(copy);
  }

  /** The split of the file at {@code index} in the sorted list of file names. */
  public static Split splitOfIndex(int index) {
    return switch (index % 10) {
      case 0 -> Split.TEST;
      case 5 -> Split.VALIDATION;
      default -> Split.TRAIN;
    };
  }

  /** Sorted file names. */
  public List<String> files() {
    return files;
  }

  /** Sentences of the file at {@code index}, in file order. */
  public List<TaggedSentence> sentencesOf(int index) {
    return sentences.get(index);
  }

  /** Files of one split, in sorted order. */
  public List<String> files(Split split) {
    List<String> out = new ArrayList<>();
    for (int i : indices(split)) {
      out.add(files.get(i));
    }
    return out;
  }

  /** Sentences of one split: its files in sorted order, each file's sentences in file order. */
  public List<TaggedSentence> sentences(Split split) {
    List<TaggedSentence> out = new ArrayList<>();
    for (int i : indices(split)) {
      out.addAll(sentences.get(i));
    }
    return out;
  }

  private int[] indices(Split split) {
    return IntStream.range(0, files.size()).filter(i -> splitOfIndex(i) == split).toArray();
  }

  /** Every sentence, files in sorted order. */
  public List<TaggedSentence> allSentences() {
    List<TaggedSentence> out = new ArrayList<>();
    sentences.forEach(out::addAll);
    return out;
  }
}
