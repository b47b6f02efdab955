package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public method of a route class as the handler of {@code DELETE} requests to the path
 * template {@link #value()} (for example {@code "/items/{itemId}"} or {@code "/files/{rest:path}"}).
 * Register the class with {@link App#include(Object)}; the method's signature is analysed once, at
 * startup, into a binding plan.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Delete {
    /** The path template, relative to the prefix the route class is included under. */
    String value();
}
