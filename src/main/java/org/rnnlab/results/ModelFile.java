package org.rnnlab.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;

/**
 * A stored model: the trained parameters and buffers as a state dict under PyTorch's names (the
 * object {@code org.rnnlab.engine.ParamsIO#toJson} makes, loadable in torch as
 * {@code {k: torch.tensor(v) for k, v in json.load(f)["state_dict"].items()}}), and {@code extras},
 * whatever else the model needs to run again (a vocabulary, normalisation constants), as one JSON
 * file written atomically:
 * <pre>{"format": "rnnlab-model/1", "sha256": "...", "state_dict": {...}, "extras": {...}}</pre>
 * {@code sha256} is the SHA-256 of the file's bytes with its own 64 hex digits replaced by zeros,
 * so any change to the file (a truncation, an edited number) is found without a second file.
 * Binding the state dict to a freshly built model (names and shapes) is {@code ParamsIO.fromJson}'s.
 */
public final class ModelFile {
  /** The {@code format} of this layout. */
  public static final String FORMAT = "rnnlab-model/1";
  /** The usual file name in a trial's directory. */
  public static final String NAME = "model.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String KEY = "\"sha256\" : \"";
  private static final String ZEROS = "0".repeat(64);
  /** The digest must sit in the first bytes (the writer puts it second, after the format). */
  private static final int HEADER = 200;
  private static final Set<String> FIELDS = Set.of("format", "sha256", "state_dict", "extras");

  private ModelFile() {}

  /** A stored model's content, verified. */
  public record Contents(ObjectNode stateDict, ObjectNode extras) {}

  /** The file's bytes for {@code stateDict} and {@code extras} (empty object if null). */
  public static byte[] encode(ObjectNode stateDict, ObjectNode extras) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("sha256", ZEROS);
    root.set("state_dict", stateDict);
    root.set("extras", extras == null ? JSON.createObjectNode() : extras);
    byte[] b;
    try {
      b = JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a model: " + e.getOriginalMessage(), e);
    }
    int at = digestOffset(b);
    if (at < 0) {
      throw new IllegalStateException("the writer did not put the digest where the reader looks for it");
    }
    byte[] hex = Checksums.sha256(b).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(hex, 0, b, at, 64);
    return b;
  }

  /** Writes a stored model to {@code file} atomically. */
  public static void write(Path file, ObjectNode stateDict, ObjectNode extras) throws IOException {
    AtomicWrite.write(file, encode(stateDict, extras));
  }

  /** Reads and verifies {@code file}; a missing, damaged or foreign file is a one-line {@link ResultsException}. */
  public static Contents read(Path file) throws ResultsException {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ResultsException(file + ": no stored model (missing)");
    } catch (IOException e) {
      throw new ResultsException(file + ": cannot read: " + e.getMessage());
    }
    return decode(b, file.toString());
  }

  /** Verifies and parses a stored model's bytes; {@code source} names it in the one-line error. */
  public static Contents decode(byte[] b, String source) throws ResultsException {
    int at = digestOffset(b);
    if (at < 0) {
      throw new ResultsException(source + ": damaged: not a stored model (no " + FORMAT + " header with a sha256)");
    }
    String recorded = new String(b, at, 64, StandardCharsets.US_ASCII);
    byte[] zeroed = b.clone();
    Arrays.fill(zeroed, at, at + 64, (byte) '0');
    if (!Checksums.sha256(zeroed).equals(recorded)) {
      throw new ResultsException(source + ": damaged: its content does not match its SHA-256 (truncated or edited)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(b);
    } catch (IOException e) {
      throw new ResultsException(source + ": damaged: not JSON (" + ResultsStore.firstLine(e) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new ResultsException(source + ": damaged: expected a JSON object");
    }
    if (!FORMAT.equals(root.path("format").asText(""))) {
      throw new ResultsException(source + ": /format: \"" + root.path("format").asText("") + "\", this rnnlab reads "
          + FORMAT);
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!FIELDS.contains(k)) {
        throw new ResultsException(source + ": /" + k + ": unknown field (expected format, sha256, state_dict, extras)");
      }
    }
    JsonNode sd = root.get("state_dict");
    JsonNode ex = root.get("extras");
    if (sd == null || !sd.isObject()) {
      throw new ResultsException(source + ": /state_dict: expected an object of parameters");
    }
    if (ex == null || !ex.isObject()) {
      throw new ResultsException(source + ": /extras: expected an object");
    }
    return new Contents((ObjectNode) sd, (ObjectNode) ex);
  }

  /** Where the 64 hex digits of the digest start, or -1 if the header has none. */
  private static int digestOffset(byte[] b) {
    String head = new String(b, 0, Math.min(b.length, HEADER), StandardCharsets.ISO_8859_1);
    if (!head.startsWith("{") || !head.contains("\"format\" : \"" + FORMAT + "\"")) {
      return -1;
    }
    int k = head.indexOf(KEY);
    if (k < 0 || k + KEY.length() + 64 > b.length) {
      return -1;
    }
    return k + KEY.length();
  }
}
