package io.fasterapi.examples.techempower;

/** A row of TechEmpower's {@code World} table, serialised as {@code {"id":..,"randomNumber":..}}. */
public record World(int id, int randomNumber) {
}
