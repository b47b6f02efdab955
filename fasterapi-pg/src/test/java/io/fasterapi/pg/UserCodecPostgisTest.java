package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fasterapi.pg.WkbGeometry.Point;
import io.fasterapi.pg.WkbGeometry.Polygon;
import io.fasterapi.testing.TestPostgres;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A user's codec for PostGIS's {@code geometry} ({@link WkbGeometry}, registered with
 * {@link PgPool.Builder#codec}): points and polygons round trip as EWKB in binary and as hex EWKB
 * in, EWKT out in text, in a database of the test's own with the extension created in it. PostGIS
 * comes from Debian's postgresql-N-postgis-3, installed by {@code scripts/ensure-postgis.sh} (run
 * here when the server lacks it); the test is skipped, saying so, only when it cannot be had.
 */
class UserCodecPostgisTest {
    static final Polygon SQUARE = new Polygon(4326, List.of(List.of(new Point(0, 0, 0), new Point(0, 10, 0),
            new Point(0, 10, 10), new Point(0, 0, 10), new Point(0, 0, 0))));
    static final Polygon WITH_HOLE = new Polygon(0, List.of(
            List.of(new Point(0, 0, 0), new Point(0, 6, 0), new Point(0, 6, 6), new Point(0, 0, 6), new Point(0, 0, 0)),
            List.of(new Point(0, 2, 2), new Point(0, 2, 4), new Point(0, 4, 4), new Point(0, 4, 2),
                    new Point(0, 2, 2))));

    record Parcel(int id, WkbGeometry geom) {
    }

    static String database;
    static PgPool admin;
    static PgPool binary;
    static PgPool text;

    @BeforeAll
    static void setUp() throws Exception {
        admin = PgPool.builder(TestPostgres.dsn()).threads(1).maxSize(1).build();
        assumeTrue(postgisAvailable() || installPostgis() && postgisAvailable(),
                "PostGIS is not installable into the test server: scripts/ensure-postgis.sh installs Debian's"
                        + " postgresql-N-postgis-3 (as root) when the server is local");
        database = "fasterapi_postgis_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        try (Pg pg = admin.get()) {
            pg.script("CREATE DATABASE " + database);
        }
        binary = PgPool.builder(withDatabase(TestPostgres.dsn(), database)).threads(2).maxSize(2)
                .codec("geometry", new WkbGeometry.Codec()).build();
        text = PgPool.builder(withDatabase(TestPostgres.dsn(), database)).threads(1).maxSize(1)
                .codec("geometry", PgCodec.text(WkbGeometry.class, WkbGeometry::fromHex, WkbGeometry::toEwkt))
                .build();
        try (Pg pg = binary.get()) {
            pg.script("CREATE EXTENSION postgis; CREATE TABLE parcels (id int PRIMARY KEY, geom geometry)");
        }
    }

    @AfterAll
    static void tearDown() {
        for (PgPool p : new PgPool[] {binary, text}) {
            if (p != null) {
                p.close();
            }
        }
        if (admin != null) {
            if (database != null) {
                try (Pg pg = admin.get()) {
                    pg.script("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
            admin.close();
        }
    }

    private static boolean postgisAvailable() {
        try (Pg pg = admin.get()) {
            return pg.exec("SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'").scalar(Long.class) > 0;
        }
    }

    /** Runs scripts/ensure-postgis.sh when the repository is found; true when it ran. */
    private static boolean installPostgis() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/ensure-postgis.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            return false;
        }
        Process p = new ProcessBuilder("bash", dir.resolve("scripts/ensure-postgis.sh").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroy();
            return false;
        }
        System.err.print(out);
        return true;
    }

    /** The DSN with another database: libpq's {@code dbname} key overrides a URL's path too. */
    static String withDatabase(String dsn, String db) {
        if (dsn.contains("://")) {
            return dsn + (dsn.contains("?") ? "&" : "?") + "dbname=" + db;
        }
        return dsn + " dbname=" + db;
    }

    @Test
    void binaryCodecReadsGeometryColumnsAsItsValueType() {
        try (Pg pg = binary.get()) {
            Row row = pg.exec("SELECT ST_GeomFromText('POINT(1.5 -2.25)', 4326) AS p,"
                    + " ST_GeomFromText('POLYGON((0 0,6 0,6 6,0 6,0 0),(2 2,2 4,4 4,4 2,2 2))') AS poly").one();
            assertThat(row.get(0)).isEqualTo(new Point(4326, 1.5, -2.25));
            assertThat(row.get("poly", WkbGeometry.class)).isEqualTo(WITH_HOLE);
            assertThat(row.columns().get(0).typeOid()).as("a per-database OID").isGreaterThanOrEqualTo(16384);
        }
    }

    @Test
    void binaryCodecSendsParametersByTheirJavaClass() {
        try (Pg pg = binary.get()) {
            Row row = pg.exec("SELECT ST_AsEWKT($1::geometry), ST_AsEWKT($2::geometry), ST_Area($2::geometry),"
                    + " ST_Contains($2::geometry, $1::geometry)", new Point(4326, 3, 4), SQUARE).one();
            assertThat(row.getString(0)).isEqualTo("SRID=4326;POINT(3 4)");
            assertThat(row.getString(1)).isEqualTo(SQUARE.toEwkt());
            assertThat(row.getDouble(2)).isEqualTo(100.0);
            assertThat(row.getBoolean(3)).isTrue();
        }
    }

    @Test
    void insertsAndMapsRecordsWithGeometryComponents() {
        try (Pg pg = binary.get()) {
            pg.exec("INSERT INTO parcels VALUES ($1, $2), ($3, $4), ($5, $6)", 1, SQUARE, 2, WITH_HOLE,
                    3, "SRID=4326;POINT(7 8)"); // a String still goes as text for geometry_in to parse
            assertThat(pg.exec("SELECT id, geom FROM parcels WHERE id <= 3 ORDER BY id").as(Parcel.class))
                    .containsExactly(new Parcel(1, SQUARE), new Parcel(2, WITH_HOLE), new Parcel(3, new Point(4326, 7, 8)));
            assertThat(pg.exec("SELECT geom FROM parcels WHERE id = 1").one(WkbGeometry.class)).isEqualTo(SQUARE);
            assertThat(pg.exec("SELECT geom FROM parcels WHERE id = 2").scalar(Polygon.class)).isEqualTo(WITH_HOLE);
            pg.exec("DELETE FROM parcels WHERE id <= 3");
        }
    }

    @Test
    void arraysOfGeometryUseTheBinaryCodec() {
        try (Pg pg = binary.get()) {
            Object array = pg.exec("SELECT ARRAY[ST_MakePoint(1, 2), NULL, ST_SetSRID(ST_MakePoint(3, 4), 3857)]")
                    .scalar();
            assertThat(array).isInstanceOf(WkbGeometry[].class);
            assertThat((WkbGeometry[]) array).containsExactly(new Point(0, 1, 2), null, new Point(3857, 3, 4));
            WkbGeometry[] sent = {SQUARE, new Point(4326, 5, 5)};
            assertThat(pg.exec("SELECT array_to_string(ARRAY(SELECT ST_AsEWKT(g) FROM unnest($1::geometry[]) g), '|')",
                    (Object) sent).scalar(String.class)).isEqualTo(SQUARE.toEwkt() + "|SRID=4326;POINT(5 5)");
        }
    }

    @Test
    void textCodecReadsHexEwkbAndSendsEwkt() {
        try (Pg pg = text.get()) {
            Row row = pg.exec("SELECT $1::geometry AS g, ST_AsEWKT($1::geometry) AS ewkt,"
                    + " $2::geometry AS poly, ST_NumInteriorRings($2::geometry) AS holes", new Point(4326, -1, 0.5),
                    WITH_HOLE).one();
            assertThat(row.get("g")).isEqualTo(new Point(4326, -1, 0.5));
            assertThat(row.getString("ewkt")).isEqualTo("SRID=4326;POINT(-1 0.5)");
            assertThat(row.get("poly", WkbGeometry.class)).isEqualTo(WITH_HOLE);
            assertThat(row.getInt("holes")).isEqualTo(1);
        }
    }

    @Test
    void bytesTheCodecCannotReadFailTheReadNamingTypeAndColumn() {
        try (Pg pg = binary.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT ST_MakeLine(ST_MakePoint(0, 0), ST_MakePoint(1, 1)) AS line")
                    .one().get(0))
                    .isInstanceOf(PgException.class)
                    .hasMessageContaining("column 'line' (geometry)")
                    .hasMessageContaining("the codec of type geometry failed to decode")
                    .hasMessageContaining("unsupported WKB geometry type 2")
                    .hasRootCauseInstanceOf(IllegalArgumentException.class);
            assertThat(pg.exec("SELECT ST_AsText($1::geometry)", new Point(0, 1, 1)).scalar(String.class))
                    .as("the connection stays usable").isEqualTo("POINT(1 1)");
        }
    }

    @Test
    void wkbFromTheServerMatchesTheValueTypesOwnBytes() {
        try (Pg pg = binary.get()) {
            byte[] fromServer = pg.exec("SELECT ST_AsEWKB(ST_GeomFromText($1, 4326), 'NDR')",
                    SQUARE.toEwkt().substring("SRID=4326;".length())).scalar(byte[].class);
            assertThat(fromServer).isEqualTo(SQUARE.toEwkb());
            assertThat(WkbGeometry.fromWkb(ByteBuffer.wrap(fromServer))).isEqualTo(SQUARE);
            assertThat(pg.exec("SELECT lower(encode(ST_AsEWKB($1::geometry, 'NDR'), 'hex'))", SQUARE).scalar(String.class))
                    .isEqualTo(java.util.HexFormat.of().formatHex(SQUARE.toEwkb()).toLowerCase(Locale.ROOT));
        }
    }
}
