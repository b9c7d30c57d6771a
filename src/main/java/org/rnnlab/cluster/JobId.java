package org.rnnlab.cluster;

/** A submitted job's id, and its cluster when sbatch names one (federations, {@code --clusters}). */
public record JobId(String id, String cluster) {
  @Override
  public String toString() {
    return id;
  }
}
