package org.rnnlab.codegen;

import com.github.javaparser.JavaParser;
import com.github.javaparser.JavaToken;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes the float32 engine: each double-precision class in {@link #MANIFEST} is rewritten, token by
 * token, into a twin {@code <Name>F32} in the same package under {@code src/generated/java}, so the
 * double source stays the one copy that is read, reviewed and changed (docs/float32-design.md,
 * section 2; the idea is EJML's, whose float modules are generated from its double ones).
 *
 * <p>Rules, applied to Java tokens (comments, strings and layout pass through unchanged):
 * <ol>
 *   <li>identifiers: {@code double}/{@code Double}/{@code DoubleVector} become their float
 *       counterparts, every manifest class {@code X} becomes {@code XF32}, and the hand-written
 *       float classes replace their double ones ({@link #HAND_WRITTEN});</li>
 *   <li>floating literals get the {@code f} suffix (the nearest float); a literal that overflows or
 *       rounds to zero in float is an error naming file and line;</li>
 *   <li>{@code /*f64*}{@code /double} keeps a double (an accumulator that must stay double); in
 *       {@code /*f64*}{@code /double x = ...;} the initialiser stays double arithmetic, as written;
 *       before a name ({@code /*f64*}{@code /Double}, {@code /*f64*}{@code /SequenceModel}) it keeps the
 *       name, for a double type at a double boundary;
 *       a line comment {@code // f32: stmt;} (a statement, or a member declaration) becomes {@code stmt;} in the twin,
 *       replacing the code before it on its line, if any (where the precisions need different
 *       statements: rounding a batch's double inputs, flushing float denormals); in the double
 *       source it stays a comment, so the double bytecode does not change;</li>
 *   <li>{@code Math.sqrt(x)} becomes {@code (float) Math.sqrt(x)}, the correctly rounded float root
 *       (double rounding is innocuous for sqrt: 53 &gt;= 2 x 24 + 2);</li>
 *   <li>rejected with file and line: bit-level double operations ({@code doubleToRawLongBits},
 *       {@code LongVector}, ...), which only hand-written classes may use, and a lane count
 *       ({@code V}, {@code RV}) compared with an integer literal, whose meaning changes with the
 *       element size (write it by the vector's bit size instead).</li>
 * </ol>
 *
 * <p>{@code make generate} runs {@link #main}; {@code GeneratedSourcesTest} fails when a committed
 * twin differs from what this class produces.
 */
public final class F32Generator {
  private F32Generator() {}

  /** The double classes that have a generated float twin, as paths under src/main/java. */
  public static final List<String> MANIFEST = List.of(
      "org/rnnlab/engine/Gemm.java",
      "org/rnnlab/engine/Params.java",
      "org/rnnlab/engine/SequenceModel.java",
      "org/rnnlab/engine/Trainer.java",
      "org/rnnlab/engine/SequenceNetwork.java",
      "org/rnnlab/generate/ModelStep.java",
      "org/rnnlab/engine/cell/RecurrentLayer.java",
      "org/rnnlab/engine/cell/LstmLayer.java",
      "org/rnnlab/engine/cell/GruLayer.java",
      "org/rnnlab/engine/cell/ElmanLayer.java",
      "org/rnnlab/engine/cell/CellConfig.java",
      "org/rnnlab/engine/cell/StepGradientHook.java",
      "org/rnnlab/engine/cell/CompositeStepGradientHook.java",
      "org/rnnlab/engine/layer/BidirectionalLayer.java",
      "org/rnnlab/engine/layer/DenseInput.java",
      "org/rnnlab/engine/layer/EmbeddingInput.java",
      "org/rnnlab/engine/layer/InputLayer.java",
      "org/rnnlab/engine/layer/LinearReadout.java",
      "org/rnnlab/engine/layer/SequenceLayer.java",
      "org/rnnlab/engine/layer/UnidirectionalLayer.java",
      "org/rnnlab/engine/norm/NormConfig.java",
      "org/rnnlab/engine/norm/NormKernels.java",
      "org/rnnlab/engine/norm/Normalization.java",
      "org/rnnlab/engine/norm/LayerNorm.java",
      "org/rnnlab/engine/norm/RecurrentBatchNorm.java",
      "org/rnnlab/engine/loss/Loss.java",
      "org/rnnlab/engine/loss/MseLoss.java",
      "org/rnnlab/engine/loss/CrossEntropyLoss.java",
      "org/rnnlab/engine/optim/Optimizer.java",
      "org/rnnlab/engine/optim/SgdUpdate.java",
      "org/rnnlab/engine/optim/AdamUpdate.java",
      "org/rnnlab/engine/optim/RmsPropUpdate.java",
      "org/rnnlab/engine/linalg/SparseMatrix.java",
      "org/rnnlab/engine/reservoir/Reservoir.java",
      "org/rnnlab/engine/ParamsUpdate.java",
      "org/rnnlab/engine/outrec/OutputRecurrentNet.java",
      "org/rnnlab/engine/outrec/OutputRecurrenceNetwork.java",
      "org/rnnlab/engine/seq2seq/TokenTable.java",
      "org/rnnlab/engine/seq2seq/AdditiveAttention.java",
      "org/rnnlab/engine/seq2seq/EncoderDecoder.java",
      "org/rnnlab/engine/seq2seq/EncoderDecoderNetwork.java",
      "org/rnnlab/generate/DecoderStep.java");

  /** Hand-written float classes that stand for a double class in generated code. */
  static final Map<String, String> HAND_WRITTEN = Map.of("DetMath", "DetMathF32");

  /** Where the twins are written, relative to the project root. */
  public static final Path OUTPUT = Path.of("src", "generated", "java");
  static final Path SOURCES = Path.of("src", "main", "java");

  static final String SUFFIX = "F32";
  private static final String KEEP_DOUBLE = "/*f64*/";
  private static final Pattern F32_LINE = Pattern.compile("//\\s*f32:\\s?(.*)");
  private static final Map<String, String> IDENTIFIERS = Map.of(
      "Double", "Float",
      "DoubleVector", "FloatVector",
      "writeDoubles", "writeFloats",
      "readDoubles", "readFloats",
      "readDoublesInto", "readFloatsInto");
  /** Double-only bit operations: a float twin of code using them would be wrong, not just slow. */
  private static final List<String> FORBIDDEN = List.of(
      "doubleToRawLongBits", "doubleToLongBits", "longBitsToDouble", "LongVector", "reinterpretAsLongs",
      "reinterpretAsDoubles");
  private static final List<String> LANE_COUNTS = List.of("V", "RV");

  /** Writes every twin (and deletes generated files the manifest no longer names); prints what changed. */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    Map<Path, String> want = generateAll(root);
    Path out = root.resolve(OUTPUT);
    for (Path stale : existing(out)) {
      if (!want.containsKey(stale)) {
        Files.delete(stale);
        System.out.println("deleted " + root.relativize(stale));
      }
    }
    for (Map.Entry<Path, String> e : want.entrySet()) {
      String old = Files.exists(e.getKey()) ? Files.readString(e.getKey(), StandardCharsets.UTF_8) : null;
      if (!e.getValue().equals(old)) {
        Files.createDirectories(e.getKey().getParent());
        Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
        System.out.println("wrote " + root.relativize(e.getKey()));
      }
    }
  }

  /** The twin of every manifest class, keyed by the file it belongs in. */
  public static Map<Path, String> generateAll(Path root) {
    Map<Path, String> out = new TreeMap<>();
    for (String rel : MANIFEST) {
      Path src = root.resolve(SOURCES).resolve(rel);
      String text;
      try {
        text = Files.readString(src, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read manifest class " + src, e);
      }
      out.put(root.resolve(OUTPUT).resolve(twinPath(rel)), generate(rel, text));
    }
    return out;
  }

  /** Every .java file now under the generated source root. */
  public static List<Path> existing(Path out) {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String twinPath(String rel) {
    return rel.substring(0, rel.length() - ".java".length()) + SUFFIX + ".java";
  }

  private static String simpleName(String rel) {
    String file = rel.substring(rel.lastIndexOf('/') + 1);
    return file.substring(0, file.length() - ".java".length());
  }

  /** The float twin of one double source ({@code rel} names it in messages and in the header). */
  public static String generate(String rel, String source) {
    ParserConfiguration config = new ParserConfiguration()
        .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
    ParseResult<CompilationUnit> parsed = new JavaParser(config).parse(source);
    if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
      throw new IllegalArgumentException(rel + ": does not parse: " + parsed.getProblems());
    }
    Map<String, String> renames = new LinkedHashMap<>(IDENTIFIERS);
    for (String m : MANIFEST) {
      renames.put(simpleName(m), simpleName(m) + SUFFIX);
    }
    renames.putAll(HAND_WRITTEN);
    List<JavaToken> tokens = new ArrayList<>();
    parsed.getResult().get().getTokenRange().orElseThrow().forEach(tokens::add);
    StringBuilder same = new StringBuilder();
    tokens.forEach(t -> same.append(t.getText()));
    if (!same.toString().equals(source)) {  // the rewrite below must see every character of the file
      throw new IllegalStateException(rel + ": the token stream does not reproduce the source");
    }
    StringBuilder body = new StringBuilder();
    boolean keepNextDouble = false;
    boolean doubleStatement = false;
    for (int i = 0; i < tokens.size(); i++) {
      JavaToken t = tokens.get(i);
      String text = t.getText();
      int line = t.getRange().map(r -> r.begin.line).orElse(0);
      JavaToken.Category cat = t.getCategory();
      if (cat.isComment()) {
        Matcher f32 = F32_LINE.matcher(text);
        if (text.equals(KEEP_DOUBLE)) {
          keepNextDouble = true;
          continue;
        } else if (f32.matches()) {
          // the statement replaces whatever code stands before the comment on its line
          int lineStart = body.lastIndexOf("\n") + 1;
          int indent = lineStart;
          while (indent < body.length() && (body.charAt(indent) == ' ' || body.charAt(indent) == '\t')) {
            indent++;
          }
          body.setLength(indent);
          body.append(rewriteLine(rel, line, f32.group(1)));
          continue;
        }
        body.append(text);
        continue;
      }
      if (cat.isWhitespaceOrComment()) {
        body.append(text);
        continue;
      }
      if (doubleStatement && text.equals(";")) {
        doubleStatement = false;
      }
      if (t.getKind() == JavaToken.Kind.DOUBLE.getKind()) {
        if (keepNextDouble && next(tokens, i, 2).equals("=")) {
          doubleStatement = true;  // a double variable's initialiser is double arithmetic: kept as written
        }
        body.append(keepNextDouble || doubleStatement ? "double" : "float");
        keepNextDouble = false;
        continue;
      }
      if (keepNextDouble && cat == JavaToken.Category.IDENTIFIER) {
        body.append(text);  // a name kept as written: Double, or a double class at a double boundary
        keepNextDouble = false;
        continue;
      }
      if (keepNextDouble) {
        throw new IllegalArgumentException(rel + ":" + line + ": " + KEEP_DOUBLE
            + " must stand right before 'double' or a name");
      }
      if (doubleStatement && cat != JavaToken.Category.IDENTIFIER) {
        body.append(text);
      } else if (cat.isLiteral() && isFloatingLiteral(t)) {
        body.append(floatLiteral(rel, line, text));
      } else if (cat == JavaToken.Category.IDENTIFIER) {
        if (FORBIDDEN.contains(text)) {
          throw new IllegalArgumentException(rel + ":" + line + ": '" + text
              + "' is a double-only bit operation: move it to a hand-written class");
        }
        if (LANE_COUNTS.contains(text) && comparedWithIntLiteral(tokens, i)) {
          throw new IllegalArgumentException(rel + ":" + line + ": lane count '" + text
              + "' compared with an integer literal: its meaning changes with the element size;"
              + " compare the species' vectorBitSize() instead");
        }
        if (text.equals("Math") && isSqrtCall(tokens, i) && !doubleStatement) {
          body.append("(float) ");
        }
        body.append(renames.getOrDefault(text, text));
      } else {
        body.append(text);
      }
    }
    String className = simpleName(rel);
    String header = "// Generated from src/main/java/" + rel + " by org.rnnlab.codegen.F32Generator (src/test/java)."
        + "\n// Do not edit: change " + className + ".java and run `make generate`.\n";
    return header + body;
  }

  /** A statement, or else a member declaration, from a {@code // f32:} comment, rewritten by the same rules. */
  private static String rewriteLine(String rel, int line, String stmt) {
    String out;
    try {
      out = generate(rel + ":" + line, "class X { void f() { " + stmt + " } }");
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().contains("does not parse")) {
        throw e; // a rule's error (a literal, a forbidden operation): not a reason to read it as a member
      }
      out = generate(rel + ":" + line, "class X { void f() { } " + stmt + " }");
      return out.substring(out.indexOf("void f() { } ") + "void f() { } ".length(), out.lastIndexOf(" }"));
    }
    int start = out.indexOf("void f() { ") + "void f() { ".length();
    return out.substring(start, out.lastIndexOf(" } }"));
  }

  private static boolean isFloatingLiteral(JavaToken t) {
    int k = t.getKind();
    return k == JavaToken.Kind.FLOATING_POINT_LITERAL.getKind()
        || k == JavaToken.Kind.DECIMAL_FLOATING_POINT_LITERAL.getKind()
        || k == JavaToken.Kind.HEXADECIMAL_FLOATING_POINT_LITERAL.getKind();
  }

  /** The literal with an f suffix; an error when float cannot hold it (overflow, or a nonzero value that rounds to 0). */
  static String floatLiteral(String rel, int line, String text) {
    char last = Character.toLowerCase(text.charAt(text.length() - 1));
    String digits = last == 'd' || last == 'f' ? text.substring(0, text.length() - 1) : text;
    double d = Double.parseDouble(digits);
    float f = Float.parseFloat(digits);
    if (Float.isInfinite(f) || (f == 0.0f && d != 0.0)) {
      throw new IllegalArgumentException(rel + ":" + line + ": literal " + text + " is not a float (it "
          + (Float.isInfinite(f) ? "overflows" : "rounds to zero") + "): keep it out of generated classes");
    }
    return digits + "f";
  }

  private static boolean isSqrtCall(List<JavaToken> tokens, int i) {
    return next(tokens, i, 1).equals(".") && next(tokens, i, 2).equals("sqrt");
  }

  private static boolean comparedWithIntLiteral(List<JavaToken> tokens, int i) {
    List<String> ops = List.of("==", "!=", "<", ">", "<=", ">=");
    return (ops.contains(next(tokens, i, 1)) && isIntLiteral(next(tokens, i, 2)))
        || (ops.contains(next(tokens, i, -1)) && isIntLiteral(next(tokens, i, -2)));
  }

  private static boolean isIntLiteral(String s) {
    return s.matches("\\d+[lL]?");
  }

  /** The text of the n-th significant token after (n &gt; 0) or before (n &lt; 0) token i, or "". */
  private static String next(List<JavaToken> tokens, int i, int n) {
    int step = n > 0 ? 1 : -1;
    int seen = 0;
    for (int j = i + step; j >= 0 && j < tokens.size(); j += step) {
      if (!tokens.get(j).getCategory().isWhitespaceOrComment() && ++seen == Math.abs(n)) {
        return tokens.get(j).getText();
      }
    }
    return "";
  }
}
