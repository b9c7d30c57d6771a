package org.rnnlab.engine.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The bit-exactness tests in this package also run at narrower vector widths (pom.xml: surefire
 * executions with -XX:MaxVectorSize); this checks that such a run really has the width it names.
 */
class VectorWidthTest {
  @Test
  void preferredWidthIsTheOneThisRunWasStartedFor() {
    Integer want = Integer.getInteger("rnnlab.test.vectorLength");
    int got = DoubleVector.SPECIES_PREFERRED.length();
    System.out.println("vector length: " + got + " doubles");
    assumeTrue(want != null, "the default run names no width (it has the machine's)");
    assertEquals(want.intValue(), got, "doubles per preferred vector");
  }
}
