package org.rnnlab.cli;

/** Placeholder entry point. */
public final class Main {
  public static void main(String[] args) {}
}
