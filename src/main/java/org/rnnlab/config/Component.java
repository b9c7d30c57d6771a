package org.rnnlab.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A spec component chosen by its {@code "type"} key through a registry (cells, tasks,
 * optimisers, clipping rules, initialisers, losses). Implementations are immutable records
 * whose components are documented with {@link Hyper}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
public interface Component {}
