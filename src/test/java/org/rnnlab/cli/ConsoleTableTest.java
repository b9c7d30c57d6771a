package org.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTableTest {
  @Test
  void padsEachColumnToItsWidestCellOnItsSide() {
    List<List<String>> rows = List.of(List.of("group", "mean", "note"), List.of("lstm", "0.123", ""),
        List.of("gru", "1.5", "only A"));
    assertEquals(List.of(
        "  group   mean  note",
        "  lstm   0.123",
        "  gru      1.5  only A"), ConsoleTable.lines(rows, "lrl", 2));
    assertThrows(IllegalArgumentException.class, () -> ConsoleTable.lines(rows, "lr", 2));
  }
}
