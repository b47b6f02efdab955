package io.fasterapi.pg.geo;

import java.util.List;

/** PostgreSQL's {@code polygon}: its vertices, in order (at least one). */
public record Polygon(List<Point> points) {
    public Polygon {
        points = List.copyOf(points);
    }
}
