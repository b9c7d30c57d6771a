package org.rnnlab.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import org.rnnlab.engine.Params.Param;

/**
 * Saves and loads parameters as a JSON object keyed by PyTorch's names, matrices as arrays of
 * rows and biases as flat arrays, as {@code {k: v.tolist() for k, v in module.state_dict().items()}}
 * gives in PyTorch: the recurrent layers as nn.RNN/LSTM/GRU name them ({@code weight_ih_l0},
 * {@code bias_hh_l1_reverse}, ...), the embedding as {@code embedding.weight} (vocabulary x dim,
 * an nn.Embedding registered as {@code embedding}) and the readout as {@code readout.weight},
 * {@code readout.bias} (an nn.Linear registered as {@code readout}); docs/model.md shows the torch
 * side. Numbers are written with Java's shortest round-trip form, so save-then-load is exact.
 * Non-trainable buffers (batch norm's running statistics, {@code norm_ih_l0.running_mean}, ...)
 * are saved and loaded beside the parameters, as in a PyTorch state_dict: one-row buffers as flat
 * arrays.
 */
public final class ParamsIO {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ParamsIO() {}

  /** The parameters as a JSON tree. */
  public static ObjectNode toJson(Params params) {
    ObjectNode root = JSON.createObjectNode();
    double[] v = params.values();
    for (Param p : params.list()) {
      ArrayNode a = root.putArray(p.name());
      if (p.kind() == Params.Kind.BIAS || p.kind() == Params.Kind.NORM_BIAS || p.kind() == Params.Kind.NORM_GAIN) {
        for (int i = 0; i < p.size(); i++) {
          a.add(v[p.offset() + i]);
        }
      } else {
        for (int r = 0; r < p.rows(); r++) {
          ArrayNode row = a.addArray();
          for (int c = 0; c < p.cols(); c++) {
            row.add(v[p.offset() + r * p.cols() + c]);
          }
        }
      }
    }
    for (Params.Buffer b : params.buffers()) {
      ArrayNode a = root.putArray(b.name());
      for (int r = 0; r < b.rows(); r++) {
        ArrayNode row = b.rows() == 1 ? a : a.addArray();
        for (int c = 0; c < b.cols(); c++) {
          row.add(b.values()[r * b.cols() + c]);
        }
      }
    }
    return root;
  }

  /** Writes the parameters to {@code file} atomically. */
  public static void save(Params params, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    JSON.writeValue(tmp.toFile(), toJson(params));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Loads every parameter from {@code file}; names and shapes must match exactly. */
  public static void load(Params params, Path file) throws IOException {
    fromJson(params, JSON.readTree(file.toFile()), file.toString());
  }

  /**
   * Sets the parameters from a JSON tree; {@code source} names it in error messages. Nothing
   * is changed unless the whole tree fits the model.
   */
  public static void fromJson(Params params, JsonNode root, String source) {
    double[] v = new double[params.size()];
    for (Param p : params.list()) {
      JsonNode a = root.get(p.name());
      if (a == null) {
        throw new IllegalArgumentException(source + ": missing parameter " + p.name());
      }
      boolean flat = p.kind() == Params.Kind.BIAS || p.kind() == Params.Kind.NORM_BIAS
          || p.kind() == Params.Kind.NORM_GAIN;
      if (flat) {
        expectSize(a, p.size(), source, "/" + p.name());
        for (int i = 0; i < p.size(); i++) {
          v[p.offset() + i] = number(a.get(i), source, "/" + p.name() + "/" + i);
        }
      } else {
        expectSize(a, p.rows(), source, "/" + p.name());
        for (int r = 0; r < p.rows(); r++) {
          JsonNode row = a.get(r);
          expectSize(row, p.cols(), source, "/" + p.name() + "/" + r);
          for (int c = 0; c < p.cols(); c++) {
            v[p.offset() + r * p.cols() + c] = number(row.get(c), source, "/" + p.name() + "/" + r + "/" + c);
          }
        }
      }
    }
    double[][] buffers = new double[params.buffers().size()][];
    for (int k = 0; k < buffers.length; k++) {
      buffers[k] = readBuffer(params.buffers().get(k), root, source);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      boolean known = params.list().stream().anyMatch(p -> p.name().equals(name))
          || params.buffers().stream().anyMatch(b -> b.name().equals(name));
      if (!known) {
        throw new IllegalArgumentException(source + ": /" + name + ": unknown parameter for this model");
      }
    }
    System.arraycopy(v, 0, params.values(), 0, v.length);
    for (int k = 0; k < buffers.length; k++) {
      double[] dst = params.buffers().get(k).values();
      System.arraycopy(buffers[k], 0, dst, 0, dst.length);
    }
  }

  private static double[] readBuffer(Params.Buffer b, JsonNode root, String source) {
    JsonNode a = root.get(b.name());
    String path = "/" + b.name();
    if (a == null) {
      throw new IllegalArgumentException(source + ": missing buffer " + b.name());
    }
    double[] v = new double[b.rows() * b.cols()];
    expectSize(a, b.rows() == 1 ? b.cols() : b.rows(), source, path);
    for (int r = 0; r < b.rows(); r++) {
      JsonNode row = b.rows() == 1 ? a : a.get(r);
      String rowPath = b.rows() == 1 ? path : path + "/" + r;
      expectSize(row, b.cols(), source, rowPath);
      for (int c = 0; c < b.cols(); c++) {
        v[r * b.cols() + c] = number(row.get(c), source, rowPath + "/" + c);
      }
    }
    return v;
  }

  private static void expectSize(JsonNode a, int n, String source, String path) {
    if (a == null || !a.isArray() || a.size() != n) {
      throw new IllegalArgumentException(source + ": " + path + ": expected an array of " + n + " entries");
    }
  }

  private static double number(JsonNode x, String source, String path) {
    if (x == null || !x.isNumber()) {
      throw new IllegalArgumentException(source + ": " + path + ": expected a number");
    }
    return x.doubleValue();
  }
}
