package example.constraints;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A user's class-level constraint, in a user's package (the framework's own annotations are never constraints). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = {})
public @interface Checked {
    String message() default "checked";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
