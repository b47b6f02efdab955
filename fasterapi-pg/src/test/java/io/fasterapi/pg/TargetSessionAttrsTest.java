package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code target_session_attrs} value against a real primary and streaming standby
 * ({@link ReplicatedCluster}), with both host orders and each server alone, with the primary writable
 * and made read-only for the session ({@code options=-c default_transaction_read_only=on}). The
 * expected server is libpq's documented rule (section 34.1.2, "target_session_attrs"); where psql is
 * installed, libpq itself connects with the same string and must land on the same server.
 */
class TargetSessionAttrsTest {
    static ReplicatedCluster cluster;

    @BeforeAll
    static void startPair() throws Exception {
        cluster = ReplicatedCluster.ofInstalledOrSkip();
    }

    @AfterAll
    static void stopPair() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    enum Attrs {
        ANY("any"), READ_WRITE("read-write"), READ_ONLY("read-only"), PRIMARY("primary"), STANDBY("standby"),
        PREFER_STANDBY("prefer-standby");

        final String dsn;

        Attrs(String dsn) {
            this.dsn = dsn;
        }
    }

    /** Which of the servers in the DSN's order libpq settles on, by its documented rule; null for none. */
    static ReplicatedCluster.Node expected(Attrs attrs, List<ReplicatedCluster.Node> order, boolean primaryReadOnly) {
        for (ReplicatedCluster.Node n : order) {
            boolean standby = n == cluster.standby;
            boolean readOnly = standby || primaryReadOnly;
            boolean ok = switch (attrs) {
                case ANY -> true;
                case READ_WRITE -> !readOnly;
                case READ_ONLY -> readOnly;
                case PRIMARY -> !standby;
                case STANDBY, PREFER_STANDBY -> standby;
            };
            if (ok) {
                return n;
            }
        }
        return attrs == Attrs.PREFER_STANDBY ? order.get(0) : null;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Attrs a : Attrs.values()) {
            for (String order : List.of("primary,standby", "standby,primary", "standby", "primary")) {
                for (boolean ro : new boolean[] {false, true}) {
                    out.add(Arguments.of(a, order, ro));
                }
            }
        }
        return out.stream();
    }

    private static List<ReplicatedCluster.Node> nodes(String order) {
        return Stream.of(order.split(",")).map(n -> n.equals("primary") ? cluster.primary : cluster.standby).toList();
    }

    private static String dsn(Attrs attrs, List<ReplicatedCluster.Node> order, boolean primaryReadOnly) {
        return cluster.dsn("target_session_attrs=" + attrs.dsn
                + (primaryReadOnly ? " options='-c default_transaction_read_only=on'" : ""),
                order.toArray(ReplicatedCluster.Node[]::new));
    }

    /** The port of the server our driver settles on, or -1 when it fails to connect (with a message naming the attrs). */
    private static int driverServerPort(String dsn) {
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).acquireTimeout(Duration.ofSeconds(10)).build();
             Pg pg = pool.get()) {
            return pg.exec("SELECT inet_server_port()").scalar(Integer.class);
        } catch (PgConnectionException e) {
            assertThat(e.getMessage()).contains("target_session_attrs");
            return -1;
        }
    }

    @ParameterizedTest(name = "{0} hosts={1} primaryReadOnly={2}")
    @MethodSource("cases")
    void settlesOnTheServerLibpqDocumentsAndLibpqPicks(Attrs attrs, String order, boolean primaryReadOnly) throws Exception {
        List<ReplicatedCluster.Node> nodes = nodes(order);
        ReplicatedCluster.Node want = expected(attrs, nodes, primaryReadOnly);
        int wantPort = want == null ? -1 : want.port;
        String dsn = dsn(attrs, nodes, primaryReadOnly);

        assertThat(driverServerPort(dsn)).as("our driver with %s", dsn).isEqualTo(wantPort);
        if (cluster.hasPsql()) {
            assertThat(cluster.psqlServerPort(dsn)).as("libpq (psql) with %s", dsn).isEqualTo(wantPort);
        }
    }

    @Test
    void theStandbyReallyIsAStreamingHotStandby() throws Exception {
        cluster.primary.sql("CREATE TABLE IF NOT EXISTS tsa_probe(v int); INSERT INTO tsa_probe VALUES (42)");
        cluster.awaitStandbyCaughtUp(Duration.ofSeconds(20));
        try (PgPool pool = PgPool.builder(cluster.dsn("", cluster.standby)).threads(1).maxSize(1).build();
             Pg pg = pool.get()) {
            assertThat(pg.exec("SELECT pg_is_in_recovery()").scalar(Boolean.class)).isTrue();
            assertThat(pg.exec("SELECT max(v) FROM tsa_probe").scalar(Integer.class)).isEqualTo(42);
            assertThat(pg.exec("SELECT status FROM pg_stat_wal_receiver").scalar(String.class)).isEqualTo("streaming");
        } finally {
            cluster.primary.sql("DROP TABLE tsa_probe");
        }
    }
}
