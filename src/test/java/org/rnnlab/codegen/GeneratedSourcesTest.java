package org.rnnlab.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed float32 twins are exactly what {@link F32Generator} makes of today's double sources
 * (so nobody edits a twin by hand or forgets {@code make generate}), and the generator's rules do
 * what its documentation says.
 */
class GeneratedSourcesTest {
  private static final Path ROOT = Path.of(".");

  @Test
  void committedTwinsAreCurrent() throws IOException {
    Map<Path, String> want = F32Generator.generateAll(ROOT);
    for (Map.Entry<Path, String> e : want.entrySet()) {
      if (!Files.exists(e.getKey())) {
        fail(e.getKey() + " is missing: run `make generate` and commit it");
      }
      if (!Files.readString(e.getKey(), StandardCharsets.UTF_8).equals(e.getValue())) {
        fail(e.getKey() + " is stale (its double source changed, or it was edited): run `make generate` and commit it");
      }
    }
    for (Path p : F32Generator.existing(ROOT.resolve(F32Generator.OUTPUT))) {
      if (!want.containsKey(p)) {
        fail(p + " is not in F32Generator.MANIFEST: run `make generate` (it deletes it)");
      }
    }
  }

  private static String twin(String body) {
    String out = F32Generator.generate("t/X.java", body);
    return out.substring(out.indexOf('\n', out.indexOf('\n') + 1) + 1);  // without the two header lines
  }

  @Test
  void rewritesTypesLiteralsAndManifestClassesButNotCommentsOrStrings() {
    String src = "class A {\n  // a double comment, 0.5\n  double f(double x) { String s = \"double 0.5\";"
        + " return Math.fma(x, 0.5, 1e-6) + Gemm.V + DetMath.exp(2.0d); }\n"
        + "  jdk.incubator.vector.VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;\n}\n";
    String out = twin(src);
    assertEquals("class A {\n  // a double comment, 0.5\n  float f(float x) { String s = \"double 0.5\";"
        + " return Math.fma(x, 0.5f, 1e-6f) + GemmF32.V + DetMathF32.exp(2.0f); }\n"
        + "  jdk.incubator.vector.VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;\n}\n", out);
  }

  @Test
  void markersKeepADoubleAndEnableFloatOnlyStatements() {
    String src = "class A {\n  void f(double[] g) {\n    /*f64*/double sum = 0.0;\n"
        + "    // f32: FloatKernels.flushDenormals(g, 0, g.length);\n    double y = Math.sqrt(sum);\n"
        + "    g = in(); // f32: g = rounded(in(), g);\n"
        + "    /*f64*/double b = 1.0 / Math.sqrt(g.length), c = 0.5 * (double) b;\n    double d = 0.5;\n  }\n}\n";
    String out = twin(src);
    assertEquals("class A {\n  void f(float[] g) {\n    double sum = 0.0;\n"
        + "    FloatKernels.flushDenormals(g, 0, g.length);\n    float y = (float) Math.sqrt(sum);\n"
        + "    g = rounded(in(), g);\n"
        + "    double b = 1.0 / Math.sqrt(g.length), c = 0.5 * (double) b;\n    float d = 0.5f;\n  }\n}\n", out);
  }

  @Test
  void aMarkedNameStaysAndAMemberCanBeFloatOnly() {
    String src = "class A {\n  // f32: private final Wide w = new Wide();\n"
        + "  Optional<SequenceModel> m() { return Optional.of(model); }\n"
        + "  Map<String, /*f64*/Double> t(/*f64*/SequenceModel s) { return Map.of(); }\n}\n";
    assertEquals("class A {\n  private final Wide w = new Wide();\n"
        + "  Optional<SequenceModelF32> m() { return Optional.of(model); }\n"
        + "  Map<String, Double> t(SequenceModel s) { return Map.of(); }\n}\n", twin(src));
  }

  @Test
  void rejectsWhatAFloatTwinWouldGetWrong() {
    String overflow = assertThrows(IllegalArgumentException.class,
        () -> twin("class A {\n double x = 1e300;\n}\n")).getMessage();
    assertTrue(overflow.startsWith("t/X.java:2: literal 1e300 is not a float (it overflows)"), overflow);
    String underflow = assertThrows(IllegalArgumentException.class,
        () -> twin("class A { double x = 1e-50; }")).getMessage();
    assertTrue(underflow.contains("rounds to zero"), underflow);
    String bits = assertThrows(IllegalArgumentException.class,
        () -> twin("class A { long f(double x) { return Double.doubleToRawLongBits(x); } }")).getMessage();
    assertTrue(bits.contains("'doubleToRawLongBits' is a double-only bit operation"), bits);
    String lanes = assertThrows(IllegalArgumentException.class,
        () -> twin("class A { int V = 4; int n = V == 4 ? 1 : 2; }")).getMessage();
    assertTrue(lanes.contains("lane count 'V' compared with an integer literal"), lanes);
    String lanesLeft = assertThrows(IllegalArgumentException.class,
        () -> twin("class A { int V = 4; boolean b = 8 <= V; }")).getMessage();
    assertTrue(lanesLeft.contains("lane count 'V'"), lanesLeft);
    String marker = assertThrows(IllegalArgumentException.class,
        () -> twin("class A { /*f64*/ int x; }")).getMessage();
    assertTrue(marker.contains("must stand right before 'double'"), marker);
  }

  @Test
  void zeroAndSubnormalSizedLiteralsThatFloatHoldsPass() {
    assertEquals("0.0f", F32Generator.floatLiteral("x", 1, "0.0"));
    assertEquals("0x1.8p23f", F32Generator.floatLiteral("x", 1, "0x1.8p23"));
    assertEquals("1e-6f", F32Generator.floatLiteral("x", 1, "1e-6d"));
  }
}
