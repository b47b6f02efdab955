package io.fasterapi.pg.geo;

import java.util.List;

/** PostgreSQL's {@code path}: a list of points, open ({@code [...]}) or closed ({@code (...)}). */
public record Path(List<Point> points, boolean closed) {
    public Path {
        points = List.copyOf(points);
    }
}
