package io.fasterapi.web.internal.convert;

import io.fasterapi.web.internal.errors.InvalidValue;

/** Converts request text (a path segment, query value, header, cookie) to a parameter's type. */
@FunctionalInterface
public interface StringConverter {
    /** The converted value; throws with pydantic's error type and message when {@code text} does not fit. */
    Object convert(String text) throws InvalidValue;
}
