package org.rnnlab.data.text;

/**
 * Which Brown tags a tagger must tell apart. {@link #FULL}: the tags as written (472 in the
 * corpus). {@link #REDUCED} (188): drop the prefix {@code fw-} (foreign word) and then, repeatedly,
 * a final {@code -tl} (title), {@code -hl} (headline) or {@code -nc} (citation), together with the
 * corpus's four truncated forms of the latter, a final {@code -t} ({@code fw-in+at-t}, 3 tokens) and
 * {@code -n} ({@code ppss+ber-n}, 1 token); so {@code fw-nn-tl-nc -> nn}, {@code ---hl -> --},
 * {@code fw-* -> *}. Nothing else is reduced: possessive {@code $}, the negation marker {@code *}
 * ({@code bed*}, {@code *} for "not"), compound tags with {@code +} ({@code ppss+md}), {@code nil}
 * and the truncated {@code wdt+ber+pp} stay as they are.
 */
public enum TagSet {
  FULL {
    @Override
    public String map(String tag) {
      return tag;
    }
  },
  REDUCED {
    @Override
    public String map(String tag) {
      String t = tag.startsWith("fw-") && tag.length() > 3 ? tag.substring(3) : tag;
      boolean stripped = true;
      while (stripped) {
        stripped = false;
        for (String suffix : SUFFIXES) {
          if (t.endsWith(suffix) && t.length() > suffix.length()) {
            t = t.substring(0, t.length() - suffix.length());
            stripped = true;
          }
        }
      }
      return t;
    }
  };

  // "-t" and "-n" only occur as truncations of "-tl" and "-nc"; no other tag ends with them
  private static final String[] SUFFIXES = {"-tl", "-hl", "-nc", "-t", "-n"};

  /** The tag {@code tag} becomes in this tag set. */
  public abstract String map(String tag);
}
