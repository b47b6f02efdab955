package io.fasterapi.pg.geo;

/**
 * PostgreSQL's {@code point}: two float8 coordinates. Like every type in this package it is an
 * immutable record, usable from any thread; equality compares doubles as {@link Double#compare}
 * does (NaN equals NaN, 0.0 differs from -0.0).
 */
public record Point(double x, double y) {
}
