package org.rnnlab.engine.state;

/** The kinds of section in a state stream, with the tag byte each is written with. */
enum StateType {
  BEGIN(1, "group"),
  END(2, "end of group"),
  DOUBLES(3, "double[]"),
  LONGS(4, "long[]"),
  INT(5, "int"),
  LONG(6, "long"),
  DOUBLE(7, "double"),
  BOOLEAN(8, "boolean"),
  STRING(9, "string"),
  INTS(10, "int[]"),
  FLOATS(11, "float[]");

  final byte tag;
  final String label;

  StateType(int tag, String label) {
    this.tag = (byte) tag;
    this.label = label;
  }

  /** The type of a tag byte, or null for an unknown one (a damaged stream). */
  static StateType of(byte tag) {
    for (StateType t : values()) {
      if (t.tag == tag) {
        return t;
      }
    }
    return null;
  }
}
