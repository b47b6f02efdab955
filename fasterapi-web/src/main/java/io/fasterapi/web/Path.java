package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler parameter to a path value, overriding FastAPI's inference rules. The name defaults
 * to the parameter's name (compiled with {@code -parameters}). On a parameter of a dependency factory
 * ({@link App#provideFrom}) it reads that variable of whichever route uses the dependency; a route
 * whose template lacks it fails at start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Path {
    /** The path name; empty means the parameter's name. */
    String value() default "";
}
