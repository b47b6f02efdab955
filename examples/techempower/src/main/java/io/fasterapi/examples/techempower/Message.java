package io.fasterapi.examples.techempower;

/** The json test's payload, a new object per request. */
public record Message(String message) {
}
