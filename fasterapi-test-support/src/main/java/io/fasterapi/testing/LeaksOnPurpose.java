package io.fasterapi.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Exempts a test class from {@link LeakWatch}: only for tests that leak buffers on purpose. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LeaksOnPurpose {
    /** Why this class leaks on purpose. */
    String value();
}
