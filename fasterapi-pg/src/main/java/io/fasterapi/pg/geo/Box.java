package io.fasterapi.pg.geo;

/**
 * PostgreSQL's {@code box}, held as its upper-right and lower-left corners. The constructor accepts
 * any two opposite corners and orders them as the server does, so a box equals the one read back.
 */
public record Box(Point high, Point low) {
    public Box {
        Point a = high;
        Point b = low;
        high = new Point(Math.max(a.x(), b.x()), Math.max(a.y(), b.y()));
        low = new Point(Math.min(a.x(), b.x()), Math.min(a.y(), b.y()));
    }
}
