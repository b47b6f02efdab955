package io.fasterapi.pg.geo;

import java.util.Objects;

/** PostgreSQL's {@code lseg}: the segment between two points. */
public record LineSegment(Point start, Point end) {
    public LineSegment {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }
}
