package io.fasterapi.examples.techempower;

import io.fasterapi.core.Future;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.Row;
import io.fasterapi.pg.UndefinedTableException;
import io.fasterapi.web.App;
import io.fasterapi.web.PgDepends;
import io.fasterapi.web.Response;
import io.fasterapi.web.ServerOptions;
import io.fasterapi.web.RouteInfo;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.core.type.TypeReference;

/**
 * The six TechEmpower Framework Benchmarks tests (json, db, queries, fortunes, updates, plaintext)
 * in FasterAPI's asynchronous style: every handler returns a {@link Future}, runs on its
 * connection's event loop and sends its queries to that core's pool shard, pipelined on one
 * connection where a request makes several. {@code /db-blocking}, {@code /queries-blocking},
 * {@code /queries-pipelined} and {@code /fortunes-blocking} are the same tests as blocking lambdas
 * (a virtual thread per request, carried by the connection's event loop, with a
 * {@link PgPool#shared()} handle whose statements are pipelined with other requests'; {@code /db-session}
 * holds a connection of its own, {@link PgPool#get()}), and
 * {@link BlockingRoutes} has them as annotated methods with an injected {@link Pg}: the style most
 * users write, measured beside the async one.
 */
public final class TechEmpowerApp {
    /**
     * Where TechEmpower's toolset has the database: host {@code tfb-database}, database
     * {@code hello_world}, user {@code benchmarkdbuser} (the public credentials of its
     * {@code tfb-database} image).
     */
    public static final String TECHEMPOWER_DSN = "postgresql://benchmarkdbuser:benchmarkdbpass@tfb-database:5432/hello_world";
    static final String HELLO = "Hello, World!";
    /** {@code List<World>}, the answer of the multi-row tests, as OpenAPI documents it. */
    private static final Type WORLDS = new TypeReference<List<World>>() { }.getType();

    private final PreparedQuery selectWorld;
    private final PreparedQuery updateWorlds;
    private final PreparedQuery selectFortunes;

    private TechEmpowerApp() {
        selectWorld = PreparedQuery.of("SELECT id, randomnumber FROM world WHERE id = $1");
        // No SELECT in it: the toolset counts the rows read from the statements that name the world
        // table and contain "select" (pg_stat_statements), and would count the updated rows twice.
        // unnest keeps the arrays' order, ascending ids, so a nested loop locks the rows in id order.
        updateWorlds = PreparedQuery.of("UPDATE world AS w SET randomnumber = u.r"
                + " FROM unnest($1::int4[], $2::int4[]) AS u(id, r) WHERE w.id = u.id");
        selectFortunes = PreparedQuery.of("SELECT id, message FROM fortune");
    }

    /**
     * The app over TechEmpower's tables {@code world} and {@code fortune} in the pool's database
     * ({@code hello_world} in TechEmpower's runs; {@link HelloWorldDatabase} creates them elsewhere).
     */
    public static App create(PgPool pool) {
        return new TechEmpowerApp().routes(pool);
    }

    private App routes(PgPool pool) {
        App app = App.create().reactor(pool.reactor()).info("FasterAPI TechEmpower benchmark", "0.1.0")
                .provide(Pg.class, PgDepends.from(pool));
        app.getAsync("/plaintext", req -> Future.ready(HELLO),
                RouteInfo.none().withSummary("Plaintext test").withResponseMediaType("text/plain"));
        app.getAsync("/json", req -> Future.ready(new Message(HELLO)),
                RouteInfo.none().withSummary("JSON serialization test").withResponseModel(Message.class));
        // The pool pipelines statements from many requests of one shard over a shared connection.
        app.getAsync("/db", req -> pool.runAsync(selectWorld, randomId()).map(TechEmpowerApp::world),
                RouteInfo.none().withSummary("Single database query test").withResponseModel(World.class));
        app.getAsync("/queries", req -> randomWorlds(pool, queries(req.query("queries").orElse(null))),
                RouteInfo.none().withSummary("Multiple database queries test").withResponseModel(WORLDS));
        app.getAsync("/fortunes", req -> pool.runAsync(selectFortunes).map(this::fortunesPage),
                RouteInfo.none().withSummary("Fortunes test").withResponseMediaType("text/html"));
        app.getAsync("/updates", req -> pool.withConnection(pg -> updates(pg, queries(req.query("queries").orElse(null)))),
                RouteInfo.none().withSummary("Database updates test").withResponseModel(WORLDS));
        app.get("/db-blocking", req -> {
            try (Pg pg = pool.shared()) {
                return world(pg.run(selectWorld, randomId()));
            }
        }, RouteInfo.none().withSummary("Single database query test, blocking").withResponseModel(World.class));
        app.get("/queries-blocking", req -> {
            int n = queries(req.query("queries").orElse(null));
            List<World> worlds = new ArrayList<>(n);
            try (Pg pg = pool.shared()) {
                for (int i = 0; i < n; i++) {
                    worlds.add(world(pg.run(selectWorld, randomId())));
                }
            }
            return worlds;
        }, RouteInfo.none().withSummary("Multiple database queries test, blocking").withResponseModel(WORLDS));
        app.get("/queries-pipelined", req -> {
            int n = queries(req.query("queries").orElse(null));
            try (Pg pg = pool.shared()) {
                List<QueryResult> results = pg.pipeline(p -> {     // all n sent at once, then awaited
                    for (int i = 0; i < n; i++) {
                        p.run(selectWorld, randomId());
                    }
                });
                List<World> worlds = new ArrayList<>(n);
                for (QueryResult r : results) {
                    worlds.add(world(r));
                }
                return worlds;
            }
        }, RouteInfo.none().withSummary("Multiple database queries test, blocking, pipelined").withResponseModel(WORLDS));
        app.get("/fortunes-blocking", req -> {
            try (Pg pg = pool.shared()) {
                return fortunesPage(pg.run(selectFortunes));
            }
        }, RouteInfo.none().withSummary("Fortunes test, blocking").withResponseMediaType("text/html"));
        app.get("/db-session", req -> {                              // a session of its own: one write per query
            try (Pg pg = pool.get()) {
                return world(pg.run(selectWorld, randomId()));
            }
        }, RouteInfo.none().withSummary("Single database query test, blocking, own connection").withResponseModel(World.class));
        app.include(new BlockingRoutes(this)); // the annotated style: /db-annotated, /queries-annotated, /fortunes-annotated
        return app;
    }

    PreparedQuery selectWorld() {
        return selectWorld;
    }

    PreparedQuery selectFortunes() {
        return selectFortunes;
    }

    /** TechEmpower's rule: 1 when missing or not a number, else clamped to 1..500. */
    static int queries(String raw) {
        if (raw == null) {
            return 1;
        }
        try {
            return Math.min(500, Math.max(1, Integer.parseInt(raw.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    static int randomId() {
        return 1 + ThreadLocalRandom.current().nextInt(10_000);
    }

    static World world(QueryResult r) {
        try (r) {
            Row row = r.one();
            return new World(row.getInt(0), row.getInt(1));
        }
    }

    Future<World> randomWorld(Pg pg) {
        return pg.runAsync(selectWorld, randomId()).map(TechEmpowerApp::world);
    }

    /** n queries, each its own statement on the wire, pipelined on the shard's shared connections. */
    Future<List<World>> randomWorlds(PgPool pool, int n) {
        List<Future<World>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fs.add(pool.runAsync(selectWorld, randomId()).map(TechEmpowerApp::world));
        }
        return Future.whenAll(fs);
    }

    /** n queries, each its own round trip on the wire, all pipelined on one connection. */
    Future<List<World>> randomWorlds(Pg pg, int n) {
        List<Future<World>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fs.add(randomWorld(pg));
        }
        return Future.whenAll(fs);
    }

    Response fortunesPage(QueryResult r) {
        List<Fortune> fortunes = new ArrayList<>(16);
        try (r) {
            for (Row row : r) {
                fortunes.add(new Fortune(row.getInt(0), row.getString(1)));
            }
        }
        fortunes.add(new Fortune(0, "Additional fortune added at request time."));
        fortunes.sort(Comparator.comparing(Fortune::message));
        return Response.html(FortunesPage.render(fortunes));
    }

    /**
     * n worlds read one by one, each given a new random number, all persisted by one UPDATE of
     * several rows (TechEmpower's rules allow bulk updates, not bulk reads). An id drawn twice gets
     * one new number, shown in both entries. The rows are locked in id order, so concurrent
     * requests cannot deadlock.
     */
    Future<List<World>> updates(Pg pg, int n) {
        return randomWorlds(pg, n).flatMap(worlds -> {
            Map<Integer, Integer> newNumbers = new TreeMap<>();
            for (World w : worlds) {
                newNumbers.put(w.id(), randomId());
            }
            List<World> updated = new ArrayList<>(worlds.size());
            for (World w : worlds) {
                updated.add(new World(w.id(), newNumbers.get(w.id())));
            }
            Integer[] ids = newNumbers.keySet().toArray(new Integer[0]);
            Integer[] numbers = newNumbers.values().toArray(new Integer[0]);
            return pg.runAsync(updateWorlds, ids, numbers).map(done -> {
                done.close();
                return updated;
            });
        });
    }

    /**
     * Fails with a message saying what to do unless the pool's database has the tables the tests
     * read, so a wrong database stops the app at startup rather than answering 500 to every test.
     */
    static void requireTables(PgPool pool) {
        requireTables(checkTables(pool));
    }

    /**
     * Sends the query {@link #requireTables(Future)} checks, from any thread: {@link #main} sends it first,
     * so that the pool's first connection and the query overlap the app's own start (route compilation,
     * the JSON warm-up) instead of following it.
     */
    static Future<QueryResult> checkTables(PgPool pool) {
        return pool.execAsync("SELECT (SELECT count(*) FROM world), (SELECT count(*) FROM fortune)");
    }

    /** Waits for {@code check} ({@link #checkTables}) and fails as {@link #requireTables(PgPool)} says. */
    static void requireTables(Future<QueryResult> check) {
        try {
            check.await().close();
        } catch (UndefinedTableException e) {
            throw new IllegalStateException(e.getMessage() + ": the app reads TechEmpower's tables world and fortune;"
                    + " point FASTERAPI_PG_URL at a database that has them (HelloWorldDatabase creates them)", e);
        }
    }

    /**
     * Serves on {@code $HOST} (default 127.0.0.1; the Docker image sets 0.0.0.0) and {@code $PORT}
     * (default 8080) with {@code $POOL_SIZE} connections per core (default 8) to the database of
     * {@code $FASTERAPI_PG_URL}, else to TechEmpower's ({@link #TECHEMPOWER_DSN}: the toolset gives
     * its apps no settings, only the host name {@code tfb-database}). Creates nothing: the database
     * must have TechEmpower's tables. When it cannot start it prints one line saying why, never
     * the password, and exits with a non-zero status. {@code $FASTERAPI_TRACING} ({@code api} or
     * {@code sdk}, see {@link TracingSwitch}) traces the requests and queries, to measure what tracing
     * costs; unset, nothing of OpenTelemetry loads.
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        PgPool pool;
        int port;
        String tracing = env.get("FASTERAPI_TRACING");
        Object otel = null; // an OpenTelemetry; typed Object so that this class names none of its types
        try {
            port = args.length > 0 ? Integer.parseInt(args[0]) : Integer.parseInt(env.getOrDefault("PORT", "8080"));
            int perCore = Integer.parseInt(env.getOrDefault("POOL_SIZE", "8"));
            // As deep as the Vert.x peer pipelines (setPipeliningLimit(256)): /queries?queries=20 from 256
            // clients has ~5,000 statements out at once, and a shallower pipe keeps most of them queued in
            // the pool instead of on the wire.
            int depth = Integer.parseInt(env.getOrDefault("PIPELINING_DEPTH", "256"));
            // The pool's own reactor starts only once the DSN parsed: a bad DSN leaves no thread behind.
            PgPool.Builder builder = PgPool.builder(env.getOrDefault("FASTERAPI_PG_URL", TECHEMPOWER_DSN))
                    .maxSize(perCore).pipeliningDepth(depth);
            if (tracing != null && !tracing.isEmpty()) {
                otel = TracingSwitch.onPool(builder, tracing);
            }
            pool = builder.build();
        } catch (RuntimeException e) { // the driver's messages never show the password
            System.err.println("techempower: cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        Future<QueryResult> tables = checkTables(pool); // under way while the app starts
        App app = create(pool).options(ServerOptions.builder().host(env.getOrDefault("HOST", "127.0.0.1")).build());
        if (otel != null) {
            TracingSwitch.onApp(app, otel);
        }
        app.onStartup(() -> requireTables(tables)); // a failure here: one line, exit (App.run)
        app.onShutdown(pool::close); // also stops the pool's reactor, which the server shares
        app.run(port);
    }
}
