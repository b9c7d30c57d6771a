package org.rnnlab.engine;

/** The arithmetic a model computes and trains in: float64, the reference, or the generated float32 engine. */
public enum Precision {
  FLOAT64("float64"),
  FLOAT32("float32");

  private final String specName;

  Precision(String specName) {
    this.specName = specName;
  }

  /** Its name in a spec ({@code model.precision}). */
  public String specName() {
    return specName;
  }

  /** The precision a spec names; null: float64. */
  public static Precision of(String specName) {
    if (specName == null) {
      return FLOAT64;
    }
    for (Precision p : values()) {
      if (p.specName.equals(specName)) {
        return p;
      }
    }
    throw new IllegalArgumentException("precision must be float64 or float32, got " + specName);
  }
}
