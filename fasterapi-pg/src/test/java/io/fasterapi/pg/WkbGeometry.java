package io.fasterapi.pg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PostGIS geometry read from its (E)WKB: just enough of the format for the user-codec tests and
 * the example in docs/codecs.md, points and polygons in 2D. WKB is OGC Simple Features 1.2.1
 * section 8.2 (a byte-order byte, 0 big-endian or 1 little-endian, then a uint32 geometry type, 1
 * point or 3 polygon, and the coordinates as doubles); PostGIS's EWKB sets the type's
 * {@code 0x20000000} bit when an int32 SRID follows the type. Z and M coordinates are refused.
 */
sealed interface WkbGeometry {
    int POINT = 1;
    int POLYGON = 3;
    int SRID_FLAG = 0x2000_0000;
    int Z_OR_M = 0xC000_0000;

    /** The spatial reference id, 0 for none. */
    int srid();

    record Point(int srid, double x, double y) implements WkbGeometry {
    }

    /** Rings of (x, y) pairs, each closed (its last point repeats its first), the shell first. */
    record Polygon(int srid, List<List<Point>> rings) implements WkbGeometry {
    }

    static WkbGeometry fromWkb(ByteBuffer in) {
        in.order(in.get() == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int type = in.getInt();
        if ((type & Z_OR_M) != 0) {
            throw new IllegalArgumentException("3D and measured geometries are not supported");
        }
        int srid = (type & SRID_FLAG) != 0 ? in.getInt() : 0;
        return switch (type & ~SRID_FLAG) {
            case POINT -> new Point(srid, in.getDouble(), in.getDouble());
            case POLYGON -> {
                int n = in.getInt();
                List<List<Point>> rings = new ArrayList<>(n);
                for (int r = 0; r < n; r++) {
                    int points = in.getInt();
                    List<Point> ring = new ArrayList<>(points);
                    for (int p = 0; p < points; p++) {
                        ring.add(new Point(0, in.getDouble(), in.getDouble()));
                    }
                    rings.add(List.copyOf(ring));
                }
                yield new Polygon(srid, List.copyOf(rings));
            }
            default -> throw new IllegalArgumentException("unsupported WKB geometry type " + (type & ~SRID_FLAG));
        };
    }

    /** From PostGIS's text output, which is hex EWKB. */
    static WkbGeometry fromHex(String hex) {
        return fromWkb(ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
    }

    /** Little-endian EWKB, with the SRID when there is one. */
    default byte[] toEwkb() {
        int size = 1 + 4 + (srid() != 0 ? 4 : 0) + switch (this) {
            case Point p -> 16;
            case Polygon p -> 4 + p.rings().stream().mapToInt(r -> 4 + 16 * r.size()).sum();
        };
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 1);
        int type = this instanceof Point ? POINT : POLYGON;
        out.putInt(srid() != 0 ? type | SRID_FLAG : type);
        if (srid() != 0) {
            out.putInt(srid());
        }
        switch (this) {
            case Point p -> out.putDouble(p.x()).putDouble(p.y());
            case Polygon p -> {
                out.putInt(p.rings().size());
                for (List<Point> ring : p.rings()) {
                    out.putInt(ring.size());
                    ring.forEach(q -> out.putDouble(q.x()).putDouble(q.y()));
                }
            }
        }
        return out.array();
    }

    /** PostGIS's extended WKT, {@code SRID=4326;POINT(1 2)}, which its input function parses. */
    default String toEwkt() {
        String body = switch (this) {
            case Point p -> "POINT(" + coordinates(p) + ")";
            case Polygon p -> "POLYGON(" + p.rings().stream()
                    .map(r -> r.stream().map(WkbGeometry::coordinates).collect(Collectors.joining(",", "(", ")")))
                    .collect(Collectors.joining(",")) + ")";
        };
        return srid() != 0 ? "SRID=" + srid() + ";" + body : body;
    }

    private static String coordinates(Point p) {
        return plain(p.x()) + " " + plain(p.y());
    }

    /** 1.0 as {@code 1}, as PostGIS prints it. */
    private static String plain(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Reads and writes geometry as EWKB in binary, and as hex EWKB in, EWKT out as text. */
    final class Codec implements PgCodec.Binary<WkbGeometry> {
        @Override
        public Class<WkbGeometry> javaType() {
            return WkbGeometry.class;
        }

        @Override
        public WkbGeometry decodeBinary(ByteBuffer value) {
            return fromWkb(value);
        }

        @Override
        public byte[] encodeBinary(WkbGeometry value) {
            return value.toEwkb();
        }

        @Override
        public WkbGeometry decodeText(String text) {
            return fromHex(text);
        }

        @Override
        public String encodeText(WkbGeometry value) {
            return value.toEwkt();
        }
    }
}
