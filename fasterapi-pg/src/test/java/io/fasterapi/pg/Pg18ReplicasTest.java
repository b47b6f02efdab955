package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The primary-and-standby pair on PostgreSQL 18 ({@link PostgresBinaries#postgres18()}, the binaries
 * jar, which has neither pg_basebackup nor psql): {@link ReplicatedCluster} then makes its standby
 * from a copy of the stopped primary; the driver's {@code target_session_attrs} and a promotion work
 * on 18 as on the installed server.
 */
class Pg18ReplicasTest {
    static ReplicatedCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ReplicatedCluster(PostgresBinaries.postgres18());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int serverPort(String dsn) {
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            return pg.exec("SELECT inet_server_port()").scalar(Integer.class);
        }
    }

    @Test
    void aCopiedStandbyStreamsAndTargetSessionAttrsPickEachServerThenFollowAPromotion() throws Exception {
        cluster.primary.sql("CREATE TABLE pg18_probe(v int); INSERT INTO pg18_probe VALUES (18)");
        cluster.awaitStandbyCaughtUp(Duration.ofSeconds(30));
        try (PgPool pool = PgPool.builder(cluster.dsn("", cluster.standby)).threads(1).maxSize(1).build();
             Pg pg = pool.get()) {
            assertThat(pg.exec("SHOW server_version_num").scalar(String.class)).startsWith("18");
            assertThat(pg.exec("SELECT pg_is_in_recovery()").scalar(Boolean.class)).isTrue();
            assertThat(pg.exec("SELECT v FROM pg18_probe").scalar(Integer.class)).isEqualTo(18);
        }
        assertThat(serverPort(cluster.dsn("target_session_attrs=read-write", cluster.standby, cluster.primary)))
                .isEqualTo(cluster.primary.port);
        assertThat(serverPort(cluster.dsn("target_session_attrs=standby", cluster.primary, cluster.standby)))
                .isEqualTo(cluster.standby.port);

        cluster.primary.stop();
        cluster.standby.promote();
        assertThat(serverPort(cluster.dsn("target_session_attrs=primary", cluster.primary, cluster.standby)))
                .isEqualTo(cluster.standby.port);
    }
}
