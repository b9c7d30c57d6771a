package org.rnnlab.data.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The closed set of tags a tagger predicts, ids in sorted order (String.compareTo) so that they
 * do not depend on which file is read first. Built from every tag of the corpus (all splits):
 * the label inventory is part of the task, and a tag seen only in test must still have an id.
 */
public final class TagIndex {
  private final List<String> tags;
  private final Map<String, Integer> ids = new HashMap<>();

  private TagIndex(List<String> sorted) {
    this.tags = Collections.unmodifiableList(sorted);
    for (int i = 0; i < sorted.size(); i++) {
      ids.put(sorted.get(i), i);
    }
  }

  /** The tags of {@code sentences} mapped through {@code tagSet}. */
  public static TagIndex of(List<TaggedSentence> sentences, TagSet tagSet) {
    TreeSet<String> set = new TreeSet<>();
    for (TaggedSentence s : sentences) {
      for (String t : s.tags()) {
        set.add(tagSet.map(t));
      }
    }
    return new TagIndex(new ArrayList<>(set));
  }

  /** Number of tags. */
  public int size() {
    return tags.size();
  }

  /** Id of {@code tag} (already mapped through the tag set). */
  public int id(String tag) {
    Integer id = ids.get(tag);
    if (id == null) {
      throw new IllegalArgumentException("tag '" + tag + "' is not in the tag index (" + tags.size() + " tags)");
    }
    return id;
  }

  /** Whether {@code tag} has an id. */
  public boolean contains(String tag) {
    return ids.containsKey(tag);
  }

  /** The tag with id {@code id}. */
  public String tag(int id) {
    return tags.get(id);
  }

  /** All tags in id order. */
  public List<String> tags() {
    return tags;
  }
}
