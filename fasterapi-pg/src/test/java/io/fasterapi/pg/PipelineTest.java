package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Reactor;
import io.fasterapi.core.VirtualThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Pg#pipeline}: N independent statements from blocking code, sent at once, against the real server. */
class PipelineTest {
    static final PreparedQuery PLUS_ONE = PreparedQuery.of("SELECT $1::int + 1");
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(PipelineTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE TABLE marks(id int PRIMARY KEY)");
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void returnsEveryResultInTheOrderTheBlockSentThem() {
        try (Pg pg = db.pool.get()) {
            List<QueryResult> results = pg.pipeline(p -> {
                for (int i = 0; i < 20; i++) {
                    if (i % 2 == 0) {
                        p.run(PLUS_ONE, i);
                    } else {
                        p.exec("SELECT $1::text", "text " + i);
                    }
                }
            });
            assertThat(results).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(results.get(i).scalar()).isEqualTo(i % 2 == 0 ? i + 1 : "text " + i);
            }
            assertThat(pg.pipeline(p -> { })).isEmpty();
        }
    }

    @Test
    void aFailingStatementFailsThePipelineButNotTheOthers() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.pipeline(p -> {
                p.exec("INSERT INTO marks VALUES (1)");
                p.exec("SELECT 1/0");
                p.exec("INSERT INTO marks VALUES ($1)", 3);
                p.exec("SELECT nope FROM nowhere");
            })).isInstanceOf(PgException.class).satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("22012"));
            assertThat(pg.exec("SELECT array_agg(id ORDER BY id)::text FROM marks WHERE id < 99").scalar()).isEqualTo("{1,3}");
        }
    }

    @Test
    void sendsEveryStatementBeforeAnyAnswerComes() throws Exception {
        try (FaultProxy proxy = new FaultProxy(PgTestDb.dsnWithSearchPath(db.schema));
                PgPool viaProxy = PgPool.builder(proxy.dsn(PgTestDb.dsnWithSearchPath(db.schema))).threads(1).maxSize(1)
                        .build()) {
            try (Pg pg = viaProxy.get()) {
                pg.exec("INSERT INTO marks VALUES ($1) RETURNING id", 99);  // prepared now: no Describe to wait for below
                proxy.stall(FaultProxy.Direction.TO_CLIENT);     // no answer reaches the driver from now on
                AtomicReference<List<QueryResult>> got = new AtomicReference<>();
                Thread caller = Thread.ofVirtual().start(() -> got.set(pg.pipeline(p -> {
                    for (int i = 100; i < 110; i++) {
                        p.exec("INSERT INTO marks VALUES ($1) RETURNING id", i);
                    }
                })));
                try (Pg direct = db.pool.get()) {
                    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                    long rows = 0;
                    while (rows < 10 && System.nanoTime() < deadline) {
                        rows = direct.exec("SELECT count(*) FROM marks WHERE id >= 100").scalar(Long.class);
                        Thread.sleep(10);
                    }
                    assertThat(rows).as("all ten ran on the server while none of their answers had come back").isEqualTo(10);
                }
                assertThat(caller.isAlive()).isTrue();
                proxy.heal();
                caller.join(10_000);
                assertThat(got.get()).extracting(r -> r.scalar(Integer.class)).containsExactly(100, 101, 102, 103, 104,
                        105, 106, 107, 108, 109);
            }
        }
    }

    @Test
    void worksFromALoopCarriedVirtualThreadAndIsRefusedOnTheLoop() throws Exception {
        try (Reactor reactor = Reactor.builder().threads(1).virtualThreads(VirtualThreads.LOOP).build();
                PgPool pool = PgPool.builder(PgTestDb.dsnWithSearchPath(db.schema)).reactor(reactor).maxSize(1).build()) {
            AtomicReference<List<QueryResult>> got = new AtomicReference<>();
            reactor.shard(0).startVirtualThread(() -> {
                try (Pg pg = pool.get()) {
                    got.set(pg.pipeline(p -> {
                        for (int i = 0; i < 20; i++) {
                            p.run(PLUS_ONE, i);
                        }
                    }));
                }
            }).join(10_000);
            assertThat(got.get()).extracting(r -> r.scalar(Integer.class)).hasSize(20).startsWith(1, 2, 3).endsWith(20);
            try (Pg pg = pool.get()) {
                assertThatThrownBy(() -> reactor.shard(0).submit(() -> pg.pipeline(p -> p.run(PLUS_ONE, 1))).await())
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Pg.pipeline()");
            }
        }
    }
}
