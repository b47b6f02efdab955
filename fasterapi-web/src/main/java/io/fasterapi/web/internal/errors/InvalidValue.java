package io.fasterapi.web.internal.errors;

import java.util.Map;

/**
 * A conversion failure with pydantic's error type and message; the caller adds location and input.
 * Stackless: thrown per bad request value.
 */
public final class InvalidValue extends Exception {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final transient Map<String, Object> ctx;

    public InvalidValue(String type, String msg) {
        this(type, msg, null);
    }

    public InvalidValue(String type, String msg, Map<String, Object> ctx) {
        super(msg, null, false, false);
        this.type = type;
        this.ctx = ctx;
    }

    /** pydantic's error type ({@code int_parsing}). */
    public String type() {
        return type;
    }

    /** The error context, or null. */
    public Map<String, Object> ctx() {
        return ctx;
    }

    /** This failure located at {@code loc}, with the offending {@code input}. */
    public ValidationError at(java.util.List<Object> loc, Object input) {
        return new ValidationError(type, loc, getMessage(), input, ctx);
    }
}
