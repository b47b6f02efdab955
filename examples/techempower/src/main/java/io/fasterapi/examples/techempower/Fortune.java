package io.fasterapi.examples.techempower;

/** A row of TechEmpower's {@code Fortune} table. */
public record Fortune(int id, String message) {
}
