package io.fasterapi.pg.geo;

import java.util.Objects;

/** PostgreSQL's {@code circle}: a center and a radius (not negative; the server rejects that). */
public record Circle(Point center, double radius) {
    public Circle {
        Objects.requireNonNull(center, "center");
    }
}
