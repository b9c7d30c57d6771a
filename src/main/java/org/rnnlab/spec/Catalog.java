package org.rnnlab.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.List;
import java.util.Map;

/**
 * The registries a spec can draw on, and the JSON machinery built from them: one configured
 * {@link ObjectMapper} (snake_case, strict, registered type names, sorted output).
 * {@link #standard()} is the catalog of {@link Registries}; tests build their own.
 */
public final class Catalog {
  private static final class Holder {
    static final Catalog STANDARD = new Catalog(Registries.all());
  }

  private final List<Registry<?>> registries;
  private final ObjectMapper mapper;

  /** A catalog of {@code registries}, at most one per base interface. */
  public Catalog(List<Registry<?>> registries) {
    this.registries = List.copyOf(registries);
    for (int i = 0; i < this.registries.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (this.registries.get(i).base() == this.registries.get(j).base()) {
          throw new IllegalArgumentException("two registries for " + this.registries.get(i).base().getName());
        }
      }
    }
    this.mapper = newMapper(this.registries);
  }

  /** The catalog of {@link Registries#all()}. */
  public static Catalog standard() {
    return Holder.STANDARD;
  }

  /** The registries, in a fixed order. */
  public List<Registry<?>> registries() {
    return registries;
  }

  /** The registry whose records implement {@code base}, or null. */
  public Registry<?> registryFor(Class<?> base) {
    for (Registry<?> r : registries) {
      if (r.base() == base) {
        return r;
      }
    }
    return null;
  }

  /** The shared mapper for specs and resolved configs; configure nothing on it. */
  public ObjectMapper mapper() {
    return mapper;
  }

  private static ObjectMapper newMapper(List<Registry<?>> registries) {
    JsonFactory factory = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER) // same digits on every JDK
        .build();
    JsonMapper mapper = JsonMapper.builder(factory)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .serializationInclusion(JsonInclude.Include.NON_NULL)
        .build();
    for (Registry<?> r : registries) {
      for (Map.Entry<String, ? extends Class<?>> e : r.types().entrySet()) {
        mapper.registerSubtypes(new NamedType(e.getValue(), e.getKey()));
      }
    }
    return mapper;
  }
}
