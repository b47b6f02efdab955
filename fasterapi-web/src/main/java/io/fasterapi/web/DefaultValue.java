package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a query, header or cookie parameter takes when the request does not carry it, written
 * as it would appear in the request. Converted (and checked) once at startup.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface DefaultValue {
    /** The default, as request text (for example {@code "50"}). */
    String value();
}
