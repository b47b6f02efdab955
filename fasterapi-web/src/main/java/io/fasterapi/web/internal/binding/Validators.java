package io.fasterapi.web.internal.binding;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * The shared Jakarta validator (Hibernate Validator), built on first use. {@link ParameterMessageInterpolator} keeps
 * Jakarta EL off the classpath; our 422 messages are pydantic's anyway. Thread-safe.
 */
public final class Validators {
    private Validators() {
    }

    // Built when first asked for: the routes' compilation needs it only for constrained parameters (isConstrained
    // does not), the start's warm-up builds it for an app that validates bodies or takes one (StartupWarmup), off the virtual threads, whose carriers its classes'
    // initialisation would pin.
    private static final class Holder {
        static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .addValueExtractor(new OmittableValueExtractor())
                .addValueExtractor(new OptionalUnwrapping())
                .buildValidatorFactory()
                .getValidator();
    }

    /** The validator. */
    public static Validator validator() {
        return Holder.VALIDATOR;
    }

    private static volatile boolean wanted;

    /** Says that a compiled route or dependency validates at request time: the start's warm-up then builds the validator. */
    public static void wanted() {
        wanted = true;
    }

    /** Whether a route or dependency compiled so far validates at request time ({@link #wanted()}). */
    public static boolean isWanted() {
        return wanted;
    }

    /**
     * Whether instances of {@code type} may carry a constraint (checked once per type at startup), from
     * their annotations alone ({@link ConstraintScan}): the validator does not start for it. A type it
     * answers true for that has nothing for the validator after all costs a validation that finds nothing.
     */
    public static boolean isConstrained(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.")) {
            return false;
        }
        return ConstraintScan.mayBeConstrained(type);
    }
}
