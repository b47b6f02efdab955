package io.fasterapi.pg.geo;

/**
 * PostgreSQL's {@code line}: the infinite line {@code a·x + b·y + c = 0} (a and b not both zero;
 * the server rejects that).
 */
public record Line(double a, double b, double c) {
}
