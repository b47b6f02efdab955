package io.fasterapi.pg.internal.codec;

import io.fasterapi.pg.geo.Box;
import io.fasterapi.pg.geo.Circle;
import io.fasterapi.pg.geo.Line;
import io.fasterapi.pg.geo.LineSegment;
import io.fasterapi.pg.geo.Path;
import io.fasterapi.pg.geo.Point;
import io.fasterapi.pg.geo.Polygon;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The geometric types as the records of {@link io.fasterapi.pg.geo}. Binary layouts (the *_send
 * functions in utils/adt/geo_ops.c), all float8: point x, y; line A, B, C; lseg two points; box
 * high corner then low corner; path a closed byte, an int32 point count, the points; polygon an
 * int32 count and the points (the server recomputes the bounding box); circle center and radius.
 * The simple protocol's text form decodes to a String.
 */
final class GeometryCodec implements Codec, JavaTyped {
    static final GeometryCodec INSTANCE = new GeometryCodec();

    @Override
    public Object decodeBinary(int oid, ByteBuf buf, int index, int length) {
        return switch (oid) {
            case Oids.POINT -> point(buf, index);
            case Oids.LINE -> new Line(buf.getDouble(index), buf.getDouble(index + 8), buf.getDouble(index + 16));
            case Oids.LSEG -> new LineSegment(point(buf, index), point(buf, index + 16));
            case Oids.BOX -> new Box(point(buf, index), point(buf, index + 16));
            case Oids.PATH -> new Path(points(buf, index + 1), buf.getByte(index) != 0);
            case Oids.POLYGON -> new Polygon(points(buf, index));
            case Oids.CIRCLE -> new Circle(point(buf, index), buf.getDouble(index + 16));
            default -> throw new IllegalArgumentException("not a geometric type: " + Oids.name(oid));
        };
    }

    private static Point point(ByteBuf buf, int index) {
        return new Point(buf.getDouble(index), buf.getDouble(index + 8));
    }

    private static List<Point> points(ByteBuf buf, int index) {
        int n = buf.getInt(index);
        List<Point> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(point(buf, index + 4 + 16 * i));
        }
        return points;
    }

    @Override
    public Object decodeText(int oid, ByteBuf buf, int index, int length) {
        return buf.toString(index, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean canEncode(int oid, Object value) {
        return javaType(oid).isInstance(value);
    }

    @Override
    public void encodeBinary(int oid, Object value, ByteBuf out) {
        switch (value) {
            case Point p -> point(p, out);
            case Line l -> out.writeDouble(l.a()).writeDouble(l.b()).writeDouble(l.c());
            case LineSegment s -> {
                point(s.start(), out);
                point(s.end(), out);
            }
            case Box b -> {
                point(b.high(), out);
                point(b.low(), out);
            }
            case Path p -> {
                out.writeByte(p.closed() ? 1 : 0);
                points(p.points(), out);
            }
            case Polygon p -> points(p.points(), out);
            case Circle c -> {
                point(c.center(), out);
                out.writeDouble(c.radius());
            }
            default -> throw new IllegalArgumentException("not a geometric value: " + value.getClass().getName());
        }
    }

    private static void point(Point p, ByteBuf out) {
        out.writeDouble(p.x()).writeDouble(p.y());
    }

    private static void points(List<Point> points, ByteBuf out) {
        out.writeInt(points.size());
        for (Point p : points) {
            point(p, out);
        }
    }

    @Override
    public Class<?> javaType(int oid) {
        return switch (oid) {
            case Oids.POINT -> Point.class;
            case Oids.LINE -> Line.class;
            case Oids.LSEG -> LineSegment.class;
            case Oids.BOX -> Box.class;
            case Oids.PATH -> Path.class;
            case Oids.POLYGON -> Polygon.class;
            default -> Circle.class;
        };
    }
}
