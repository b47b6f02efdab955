package io.fasterapi.web.internal.binding;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The shared Jakarta validator (Hibernate Validator). {@link ParameterMessageInterpolator} keeps
 * Jakarta EL off the classpath; our 422 messages are pydantic's anyway. Thread-safe.
 */
public final class Validators {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .addValueExtractor(new OmittableValueExtractor())
            .addValueExtractor(new OptionalUnwrapping())
            .buildValidatorFactory()
            .getValidator();

    private Validators() {
    }

    /** The validator. */
    public static Validator validator() {
        return VALIDATOR;
    }

    /** Whether instances of {@code type} carry any constraint (checked once per type at startup). */
    public static boolean isConstrained(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.")) {
            return false;
        }
        return VALIDATOR.getConstraintsForClass(type).isBeanConstrained();
    }
}
