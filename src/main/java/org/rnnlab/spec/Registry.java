package org.rnnlab.spec;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.rnnlab.config.Component;

/**
 * Names of the components of one kind (cells, tasks, ...) and the config record behind each.
 * A spec picks one with {@code "type": name}; the schema's enum is {@link #names()}.
 */
public final class Registry<T extends Component> {
  private final String kind;
  private final Class<T> base;
  private final Map<String, Class<? extends T>> types = new TreeMap<>();

  public Registry(String kind, Class<T> base) {
    this.kind = kind;
    this.base = base;
  }

  /** Registers {@code type} under {@code name}; returns this for chaining. */
  public Registry<T> register(String name, Class<? extends T> type) {
    if (types.putIfAbsent(name, type) != null) {
      throw new IllegalArgumentException(kind + " " + name + " registered twice");
    }
    return this;
  }

  /** What this registry holds, e.g. "cell". */
  public String kind() {
    return kind;
  }

  /** The common interface of the registered records. */
  public Class<T> base() {
    return base;
  }

  /** Registered names, sorted, with their record classes. */
  public Map<String, Class<? extends T>> types() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(types));
  }

  /**
   * The name of the type an object without "type" is (the base's {@code @JsonTypeInfo(defaultImpl)}),
   * or null if "type" is required.
   */
  public String defaultName() {
    JsonTypeInfo info = base.getAnnotation(JsonTypeInfo.class);
    if (info == null || info.defaultImpl() == JsonTypeInfo.class) {
      return null;
    }
    return types.entrySet().stream().filter(e -> e.getValue() == info.defaultImpl()).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new IllegalStateException(kind + ": the default "
            + info.defaultImpl().getName() + " is not registered"));
  }

  /** Registered names, sorted. */
  public java.util.Set<String> names() {
    return Collections.unmodifiableSet(types.keySet());
  }
}
