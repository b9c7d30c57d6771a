package org.rnnlab.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents one hyperparameter of a component config record: its meaning, its allowed range
 * and its default. The JSON Schema for spec files is generated from these annotations, so a
 * hyperparameter is described once, where it is declared.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Hyper {
  /** What the value means and its usual range. */
  String doc();

  /** Smallest allowed value (numbers only). */
  double min() default Double.NEGATIVE_INFINITY;

  /** Largest allowed value (numbers only). */
  double max() default Double.POSITIVE_INFINITY;

  /** Whether {@link #min()} itself is excluded. */
  boolean exclusiveMin() default false;

  /** Default as JSON text ("1.0", "true", "\"tanh\""); empty means required. */
  String defaultValue() default "";

  /** Allowed string values; empty means any. */
  String[] allowed() default {};
}
