package io.fasterapi.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Exempts a test class from {@link PinnedThreadGuard}: only for tests that pin on purpose. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AllowsPinning {
    /** Why this class pins on purpose. */
    String value();
}
