package org.rnnlab.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that a spec may leave out and that has no default: absent means
 * null, with a meaning stated in its {@link Hyper#doc()} (e.g. no clipping).
 * Without this mark, a component with an empty {@code defaultValue} is required.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface OptionalKey {}
