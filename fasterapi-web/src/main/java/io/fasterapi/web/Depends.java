package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler parameter as a dependency: its value comes from the factory registered with
 * {@link App#provide}. A parameter whose type is registered is a dependency without it; with it, a
 * missing registration fails at startup instead of falling back to a query or body parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Depends {
}
