package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter from a form field, as FastAPI's {@code Form()} (and {@code File()}): the body is
 * {@code application/x-www-form-urlencoded} or {@code multipart/form-data}. Simple types,
 * {@code Optional} and {@code List} of them follow the query rules ({@code @DefaultValue} too);
 * {@link UploadFile} (or {@code Optional}/{@code List} of it, bound even without {@code @Form}) and
 * {@code byte[]} take a file part. A missing or malformed field answers 422 with
 * {@code "loc": ["body", "<field>"]}.
 *
 * {@snippet :
 * @Post("/profile")
 * public Profile save(@Form String name, @Form int age, UploadFile avatar) { ... }
 * }
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Form {
    /** The field name; default: the parameter's name. */
    String value() default "";
}
