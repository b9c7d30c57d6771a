package org.rnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ArrayLayoutTest {
  private static List<Integer> range(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }

  /** Every trial to run is run by exactly one submitted task, and every task id is below MaxArraySize. */
  private static void assertCovers(ArrayLayout l, List<Integer> trialList, int maxArraySize) {
    Set<Integer> trials = new HashSet<>(trialList);
    Map<Integer, Integer> runs = new TreeMap<>();
    for (int task : l.taskIds()) {
      assertTrue(task >= 0 && task < maxArraySize, "task " + task + " vs MaxArraySize " + maxArraySize);
      List<Integer> ts = l.trialsOf(task);
      assertTrue(ts.size() <= l.trialsPerTask());
      for (int t : ts) {
        runs.merge(t, 1, Integer::sum);
        assertEquals(task, l.taskOf(t));
      }
    }
    for (int t : trials) {
      assertEquals(1, runs.getOrDefault(t, 0), "trial " + t);
    }
    // No task is submitted for nothing.
    for (int task : l.taskIds()) {
      assertTrue(l.trialsOf(task).stream().anyMatch(trials::contains), "task " + task + " has no trial to run");
    }
  }

  @Test
  void aWholePlanThatFitsIsOneTaskPerTrialAndTaskIdIsTheIndex() {
    ArrayLayout l = ArrayLayout.of(range(0, 5), 1001, null);
    assertEquals(1, l.trialsPerTask());
    assertEquals(0, l.offset());
    assertEquals("0-5", l.arraySpec(null));
    assertEquals("0-5%2", l.arraySpec(2));
    for (int t = 0; t <= 5; t++) {
      assertEquals(List.of(t), l.trialsOf(t));
    }
  }

  @Test
  void resumeSubmitsOnlyTheMissingTrials() {
    List<Integer> missing = List.of(11, 0, 1, 2, 5, 9, 10);
    ArrayLayout l = ArrayLayout.of(missing, 1001, null);
    assertEquals("0-2,5,9-11", l.arraySpec(null));
    assertCovers(l, missing, 1001);
    ArrayLayout late = ArrayLayout.of(List.of(7, 8), 1001, null);
    assertEquals("7-8", late.arraySpec(null), "task id = trial index while the plan fits");
    assertEquals(List.of(8), late.trialsOf(8));
  }

  @Test
  void anOffsetLetsALateWindowFitWithoutPacking() {
    List<Integer> missing = range(1500, 1999);
    ArrayLayout l = ArrayLayout.of(missing, 1001, null);
    assertEquals(1, l.trialsPerTask());
    assertEquals(1500, l.offset());
    assertEquals("0-499", l.arraySpec(null));
    assertEquals(List.of(1700), l.trialsOf(200));
  }

  @Test
  void aPlanBeyondMaxArraySizeIsPackedIntoOneArray() {
    List<Integer> trials = range(0, 9);
    ArrayLayout l = ArrayLayout.of(trials, 4, null);
    assertEquals(3, l.trialsPerTask());
    assertEquals(4, l.stride());
    assertEquals("0-3", l.arraySpec(null));
    assertEquals(List.of(0, 4, 8), l.trialsOf(0));
    assertEquals(List.of(3, 7), l.trialsOf(3));
    assertCovers(l, trials, 4);
  }

  @Test
  void packingHoldsForManyShapes() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int rep = 0; rep < 200; rep++) {
      int planSize = 1 + r.nextInt(2500);
      int max = 1 + r.nextInt(1200);
      List<Integer> missing = new ArrayList<>();
      double keep = r.nextDouble();
      for (int i = 0; i < planSize; i++) {
        if (r.nextDouble() < keep) {
          missing.add(i);
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      Integer forced = r.nextInt(4) == 0 ? 1 + r.nextInt(5) : null;
      ArrayLayout l = ArrayLayout.of(missing, max, forced);
      assertCovers(l, missing, max);
      if (forced != null) {
        assertTrue(l.trialsPerTask() >= forced);
      }
    }
  }

  @Test
  void forcedPackingGroupsTrialsEvenWhenTheyFit() {
    ArrayLayout l = ArrayLayout.of(range(0, 5), 1001, 3);
    assertEquals(3, l.trialsPerTask());
    assertEquals("0-1", l.arraySpec(null));
    assertEquals(List.of(0, 2, 4), l.trialsOf(0));
  }

  @Test
  void badInputsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> ArrayLayout.of(List.of(), 10, null));
    assertThrows(IllegalArgumentException.class, () -> ArrayLayout.of(List.of(1, 1), 10, null));
    assertThrows(IllegalArgumentException.class, () -> ArrayLayout.of(List.of(-1), 10, null));
    ClusterException e = assertThrows(ClusterException.class, () -> ArrayLayout.of(List.of(0), 0, null));
    assertTrue(e.getMessage().contains("MaxArraySize = 0"));
  }
}
