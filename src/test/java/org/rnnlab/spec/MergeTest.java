package org.rnnlab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return M.readTree(s.replace('\'', '"'));
  }

  @Test
  void objectsMergeDeeplyArraysAndScalarsReplace() throws Exception {
    JsonNode base = json("{'a': {'b': 1, 'c': [1, 2]}, 'd': 'x', 'e': {'f': 1}}");
    JsonNode over = json("{'a': {'c': [3], 'g': true}, 'd': {'h': 1}, 'i': 2}");
    assertEquals(json("{'a': {'b': 1, 'c': [3], 'g': true}, 'd': {'h': 1}, 'e': {'f': 1}, 'i': 2}"),
        Json.merge(base, over));
    assertEquals(json("{'a': {'b': 1, 'c': [1, 2]}, 'd': 'x', 'e': {'f': 1}}"), base); // inputs untouched
  }

  @Test
  void aDifferentTypeReplacesTheObject() throws Exception {
    JsonNode base = json("{'cell': {'type': 'lstm', 'forget_bias': 2.0}, 'h': 8}");
    assertEquals(json("{'cell': {'type': 'elman'}, 'h': 8}"), Json.merge(base, json("{'cell': {'type': 'elman'}}")));
    assertEquals(json("{'cell': {'type': 'lstm', 'forget_bias': 3.0}, 'h': 8}"),
        Json.merge(base, json("{'cell': {'type': 'lstm', 'forget_bias': 3.0}}")));
    assertEquals(json("{'cell': {'type': 'lstm', 'forget_bias': 0.5}, 'h': 8}"),
        Json.merge(base, json("{'cell': {'forget_bias': 0.5}}")));
    assertEquals(json("{'x': {'type': 'a', 'k': 1}}"), Json.merge(json("{'x': {'k': 0, 'j': 1}}"),
        json("{'x': {'type': 'a', 'k': 1}}")));
  }

  @Test
  void sweepPointsNestAndMergeLikeOverrides() throws Exception {
    Map<String, JsonNode> point = new LinkedHashMap<>();
    point.put("training.optimizer.lr", json("0.01"));
    point.put("model.cell.type", json("'gru'"));
    point.put("training.steps", json("5"));
    assertEquals(json("{'training': {'optimizer': {'lr': 0.01}, 'steps': 5}, 'model': {'cell': {'type': 'gru'}}}"),
        Resolve.nest(point));
    JsonNode base = json("{'model': {'cell': {'type': 'lstm', 'forget_bias': 1}, 'hidden_size': 4}, "
        + "'training': {'optimizer': {'type': 'sgd', 'lr': 1}, 'steps': 9}}");
    assertEquals(json("{'model': {'cell': {'type': 'gru'}, 'hidden_size': 4}, "
            + "'training': {'optimizer': {'type': 'sgd', 'lr': 0.01}, 'steps': 5}}"),
        Resolve.cellConfig(base, json("{}"), point));
    assertEquals("model.cell.type=gru,training.optimizer.lr=0.01,training.steps=5", Resolve.pointText(point));
  }

  @Test
  void cartesianProductFirstKeySlowest() throws Exception {
    Map<String, List<JsonNode>> sweep = new LinkedHashMap<>();
    sweep.put("a", List.of(json("1"), json("2")));
    sweep.put("b", List.of(json("'x'"), json("'y'"), json("'z'")));
    assertEquals(List.of("a=1,b=x", "a=1,b=y", "a=1,b=z", "a=2,b=x", "a=2,b=y", "a=2,b=z"),
        Resolve.points(sweep).stream().map(Resolve::pointText).toList());
  }

  @Test
  void scalarTextIsCanonical() throws Exception {
    assertEquals("100", Json.scalarText(json("100")));
    assertEquals("100", Json.scalarText(json("100.0")));
    assertEquals("100", Json.scalarText(json("1e2")));
    assertEquals("0.001", Json.scalarText(json("1e-3")));
    assertEquals("true", Json.scalarText(json("true")));
    assertEquals("tanh", Json.scalarText(json("'tanh'")));
  }
}
