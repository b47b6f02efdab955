package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code provideAsync}: the current user read with {@code pool.execAsync} from the real server,
 * given to handlers on the event loop without blocking it, and to handlers on virtual threads; a
 * handler on the loop taking a blocking dependency is refused at startup, naming the fix.
 */
class AsyncDependencyTest {
    static WebPgDb db;
    static TestClient client;

    record User(String name) {
    }

    record Greeting(String text) {
    }

    /** Never completes: the deadline answers. */
    record Stuck(String never) {
    }

    public static final class Routes {
        @Get("/me")
        public Future<String> me(User user) {
            return Future.ready(user.name() + (Shard.onEventLoop() ? " on the loop" : " elsewhere"));
        }

        @Get("/me/blocking")
        public String meBlocking(User user) {
            return user.name() + (Thread.currentThread().isVirtual() ? " on a virtual thread" : " elsewhere");
        }

        @Get("/greeting")
        public Future<String> greeting(Greeting greeting, User user) {
            return Future.ready(greeting.text() + " / " + user.name());
        }

        @Get("/stuck")
        public Future<String> stuck(Stuck stuck) {
            return Future.ready("unreachable");
        }
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(AsyncDependencyTest.class, b -> b.threads(1).maxSize(2).minSize(1));
        db.script("CREATE TABLE users (token text PRIMARY KEY, name text NOT NULL);"
                + "INSERT INTO users VALUES ('t-ada', 'ada'), ('t-bob', 'bob')");
        PgPool pool = db.pool;
        App app = App.create().reactor(pool.reactor())
                .provideInstance(PgPool.class, pool)
                .provideAsync(User.class, req -> pool.execAsync("SELECT name FROM users WHERE token = $1",
                                java.util.Objects.requireNonNullElse(req.header("x-token"), ""))
                        .map(r -> r.first().map(row -> new User(row.get("name", String.class)))
                                .orElseThrow(() -> new HttpException(401, "Not authenticated"))))
                // An async dependency that asks for another one: waited for in turn.
                .provideAsync(Greeting.class, req -> pool.execAsync("SELECT 'hello ' || $1::text",
                        req.dependency(User.class).name()).map(r -> new Greeting(r.scalar(String.class))))
                .provideAsync(Stuck.class, req -> Future.from(new CompletableFuture<Stuck>()))
                .include(new Routes());
        app.getAsync("/lambda/me", req -> Future.ready("lambda " + req.dependency(User.class).name()));
        client = TestClient.of(app, ServerOptions.builder().handlerTimeout(Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        WebPgDb.close(client, db);
    }

    @Test
    void aHandlerOnTheLoopGetsTheValueOfAnAsyncQuery() {
        assertThat(client.get("/me", "x-token", "t-ada").json(String.class)).isEqualTo("ada on the loop");
        assertThat(client.get("/me", "x-token", "t-bob").json(String.class)).isEqualTo("bob on the loop");
        assertThat(client.get("/lambda/me", "x-token", "t-ada").json(String.class)).isEqualTo("lambda ada");
        assertThat(client.get("/greeting", "x-token", "t-bob").json(String.class)).isEqualTo("hello bob / bob");
    }

    @Test
    void aHandlerOnAVirtualThreadWaitsForItOnItsThread() {
        assertThat(client.get("/me/blocking", "x-token", "t-ada").json(String.class)).isEqualTo("ada on a virtual thread");
    }

    @Test
    void aFailedFutureFailsTheRequestAsTheFactorysException() {
        TestResponse r = client.get("/me", "x-token", "nobody");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Not authenticated\"}");
        assertThat(client.get("/me/blocking").status()).isEqualTo(401);
        assertThat(client.get("/greeting", "x-token", "nobody").status()).isEqualTo(401);
    }

    @Test
    void aDependencyThatNeverCompletesIsAnsweredAtTheDeadline() {
        assertThat(client.get("/stuck").status()).isEqualTo(504);
        assertThat(client.get("/me", "x-token", "t-ada").json(String.class)).as("the loop still serves").isEqualTo("ada on the loop");
    }

    public static final class AsyncTakingPg {
        @Get("/pg")
        public Future<String> pg(Pg pg) {
            return Future.ready("unreachable");
        }
    }

    record Report(String text) {
    }

    public static final class ReportFactory {
        public Report report(Pg pg) {
            return new Report("unreachable");
        }
    }

    public static final class AsyncTakingReport {
        @Get("/report")
        public Future<String> report(Report report) {
            return Future.ready(report.text());
        }
    }

    @Test
    void aHandlerOnTheLoopTakingABlockingDependencyIsRefusedAtStartup() {
        App direct = App.create().provide(Pg.class, PgDepends.from(db.pool)).include(new AsyncTakingPg());
        assertThatThrownBy(() -> direct.start(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /pg: AsyncTakingPg.pg returns a Future")
                .hasMessageContaining("'pg' of type Pg comes from PgDepends")
                .hasMessageContaining("Return a plain value")
                .hasMessageContaining("app.provideAsync");
        App indirect = App.create().provide(Pg.class, PgDepends.from(db.pool))
                .provideFrom(Report.class, new ReportFactory()).include(new AsyncTakingReport());
        assertThatThrownBy(() -> indirect.start(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Report takes Pg, which comes from PgDepends");
        App appWide = App.create().provide(io.fasterapi.pg.Tx.class, PgDepends.transactional(db.pool))
                .dependencies(io.fasterapi.pg.Tx.class);
        appWide.getAsync("/lambda", req -> Future.ready("unreachable"));
        assertThatThrownBy(() -> appWide.start(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /lambda: the lambda returns a Future");
    }
}
