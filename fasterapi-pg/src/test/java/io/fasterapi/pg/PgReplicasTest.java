package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Read routing against a real primary and streaming standby ({@link ReplicatedCluster}): reads on the
 * standby, writes on the primary, the fallback the replicas' DSN asks for, the replication lag a read
 * on a standby can see, and a session's read-your-writes under both policies (the lag made certain by
 * pausing the standby's replay with {@code pg_wal_replay_pause()}).
 */
class PgReplicasTest {
    static ReplicatedCluster cluster;

    @BeforeAll
    static void startPair() throws Exception {
        cluster = ReplicatedCluster.ofInstalledOrSkip();
        cluster.primary.sql("CREATE TABLE replica_items(id serial PRIMARY KEY, name text NOT NULL)");
        cluster.awaitStandbyCaughtUp(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopPair() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void resumeReplay() throws Exception {
        cluster.standby.sql("SELECT pg_wal_replay_resume()");
    }

    private static PgReplicas replicas() {
        return PgReplicas.of(
                PgPool.builder(cluster.dsn("target_session_attrs=read-write", cluster.primary, cluster.standby))
                        .threads(1).maxSize(4).build(),
                PgPool.builder(cluster.dsn("target_session_attrs=prefer-standby", cluster.standby, cluster.primary))
                        .threads(1).maxSize(4).build());
    }

    private static boolean inRecovery(Pg pg) {
        return pg.exec("SELECT pg_is_in_recovery()").scalar(Boolean.class);
    }

    private static long count(Pg pg, String name) {
        return pg.exec("SELECT count(*) FROM replica_items WHERE name = $1", name).scalar(Long.class);
    }

    @Test
    void readsGoToTheStandbyAndWritesToThePrimary() {
        try (PgReplicas db = replicas(); PgReplicas.Session s = db.session()) {
            assertThat(inRecovery(s.reads())).isTrue();
            assertThatThrownBy(() -> s.reads().exec("INSERT INTO replica_items(name) VALUES ('x')"))
                    .isInstanceOf(PgException.class).extracting(e -> ((PgException) e).code()).isEqualTo("25006");
            assertThat(s.wrote()).isFalse();
            assertThat(inRecovery(s.writes())).isFalse();
            assertThat(s.wrote()).isTrue();
        }
    }

    @Test
    void aReadOnAStandbyMissesAWriteItHasNotReplayedYet() throws Exception {
        try (PgReplicas db = replicas(); PgReplicas.Session s = db.session()) {
            cluster.standby.sql("SELECT pg_wal_replay_pause()");
            try (Pg w = db.primary().get()) {
                w.exec("INSERT INTO replica_items(name) VALUES ('lagging')");
            }
            assertThat(count(s.reads(), "lagging")).as("the standby, replay paused, lags").isZero();
            cluster.standby.sql("SELECT pg_wal_replay_resume()");
            Eventually.eventually(Duration.ofSeconds(20), () -> count(s.reads(), "lagging") == 1);
        }
    }

    @Test
    void afterAWriteWaitForReplayReadsOnTheStandbyOnceItReplayedTheWrite() throws Exception {
        try (PgReplicas db = replicas().afterWrite(PgReplicas.AfterWrite.WAIT_FOR_REPLAY, Duration.ofSeconds(20));
             PgReplicas.Session s = db.session()) {
            s.writes().exec("INSERT INTO replica_items(name) VALUES ('mine')");
            Pg reads = s.reads();
            assertThat(inRecovery(reads)).as("read on the standby").isTrue();
            assertThat(count(reads, "mine")).isEqualTo(1);
        }
    }

    @Test
    void afterAWriteWaitForReplayFallsBackToThePrimaryWhenTheStandbyLagsPastTheMaximumWait() throws Exception {
        try (PgReplicas db = replicas().afterWrite(PgReplicas.AfterWrite.WAIT_FOR_REPLAY, Duration.ofMillis(200));
             PgReplicas.Session s = db.session()) {
            cluster.standby.sql("SELECT pg_wal_replay_pause()");
            s.writes().exec("INSERT INTO replica_items(name) VALUES ('paused')");
            Pg reads = s.reads();
            assertThat(inRecovery(reads)).as("the standby never caught up: the read is on the primary").isFalse();
            assertThat(count(reads, "paused")).isEqualTo(1);
            cluster.standby.sql("SELECT pg_wal_replay_resume()");
            // Once it has replayed, the same session reads on the standby again.
            Eventually.eventually(Duration.ofSeconds(20), () -> inRecovery(s.reads()));
            assertThat(count(s.reads(), "paused")).isEqualTo(1);
        }
    }

    @Test
    void afterAWritePrimaryPolicyReadsOnThePrimary() {
        try (PgReplicas db = replicas(); PgReplicas.Session s = db.session()) {
            s.writes().exec("INSERT INTO replica_items(name) VALUES ('primary-policy')");
            assertThat(inRecovery(s.reads())).isFalse();
            assertThat(count(s.reads(), "primary-policy")).isEqualTo(1);
        }
    }

    @Test
    void theReplicasDsnDecidesTheFallbackWhenNoStandbyAnswers() throws Exception {
        int nothing;
        try (ServerSocket ss = new ServerSocket(0)) {
            nothing = ss.getLocalPort();
        }
        String deadThenPrimary = "host=127.0.0.1,127.0.0.1 port=" + nothing + "," + cluster.primary.port
                + " user=postgres dbname=postgres sslmode=disable connect_timeout=5 target_session_attrs=";
        try (PgReplicas preferring = PgReplicas.of(PgPool.builder(cluster.dsn("", cluster.primary)).threads(1).build(),
                PgPool.builder(deadThenPrimary + "prefer-standby").threads(1).build());
             PgReplicas.Session s = preferring.session()) {
            assertThat(inRecovery(s.reads())).as("prefer-standby: the primary serves reads").isFalse();
        }
        try (PgReplicas strict = PgReplicas.of(PgPool.builder(cluster.dsn("", cluster.primary)).threads(1).build(),
                PgPool.builder(deadThenPrimary + "standby").threads(1).acquireTimeout(Duration.ofSeconds(5)).build());
             PgReplicas.Session s = strict.session()) {
            assertThatThrownBy(() -> s.reads().exec("SELECT 1")).isInstanceOf(PgConnectionException.class);
        }
    }

    @Test
    void aClosedSessionRefusesHandlesAndClosingTwiceIsHarmless() throws IOException {
        try (PgReplicas db = replicas()) {
            PgReplicas.Session s = db.session();
            s.reads();
            s.close();
            s.close();
            assertThatThrownBy(s::reads).isInstanceOf(IllegalStateException.class);
            assertThat(db.replicas().stats().inUse()).isZero();
        }
    }
}
