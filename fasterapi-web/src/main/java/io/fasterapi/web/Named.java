package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler (or factory method) parameter as the dependency registered under this name, for
 * when two values share a type:
 *
 * {@snippet :
 * app.provideInstance(PgPool.class, primary)
 *    .provideInstance("replica", PgPool.class, replica);
 *
 * @Get("/report")
 * public Report report(PgPool primary, @Named("replica") PgPool replica) { ... }
 * }
 *
 * <p>A missing registration of that name fails at startup. FastAPI needs no names (each
 * {@code Depends(get_replica)} names its function); Java's parameters carry only a type, so the
 * name is the qualifier, as {@code jakarta.inject.Named} is.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Named {
    /** The name given to {@link App#provide(String, Class, java.util.function.Supplier)} or {@link App#provideInstance(String, Class, Object)}. */
    String value();
}
