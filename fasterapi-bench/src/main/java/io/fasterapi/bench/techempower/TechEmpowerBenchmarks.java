package io.fasterapi.bench.techempower;

import io.fasterapi.bench.http.InterleavedRuns;
import io.fasterapi.bench.http.Wrk;
import io.fasterapi.bench.report.BarChart;
import io.fasterapi.bench.report.BenchmarkDoc;
import io.fasterapi.bench.report.MachineFacts;
import io.fasterapi.examples.techempower.HelloWorldDatabase;
import io.fasterapi.examples.techempower.TechEmpowerApp;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark: TechEmpower's six tests with wrk at 256 connections against
 * examples/techempower and against a Vert.x 5 app doing the same ({@link VertxTechEmpowerServer}),
 * each in a JVM of its own, interleaved round by round in one run, PostgreSQL on the same machine
 * with TechEmpower's tables in database {@code hello_world} ($FASTERAPI_PG_URL names it; created when
 * missing by {@link HelloWorldDatabase}).
 * Prints requests/s, p50 and p99 with ratios, writes docs/benchmarks.md (section "techempower") and
 * the chart docs/techempower.svg. Argument {@code quick} for a short run.
 *
 * <p>Then the styles run ({@link #STYLES}; {@code -Dfasterapi.bench.styles=off} skips it,
 * {@code only} runs it alone): the same tests written as async lambdas, blocking lambdas and
 * annotated blocking methods, interleaved in one run of our app, plus the blocking ones with virtual
 * threads on the JDK's scheduler instead of the event loops; written to section
 * "techempower-styles".
 */
public final class TechEmpowerBenchmarks {
    /** A TechEmpower test and its target ratio to Vert.x. */
    record Test(String name, String path, int pipelineDepth, double target) {
        InterleavedRuns.Load load() {
            return new InterleavedRuns.Load(name, path, pipelineDepth);
        }
    }

    private static final List<InterleavedRuns.Server> PEERS = List.of(
            new InterleavedRuns.Server("fasterapi", TechEmpowerApp.class.getName()),
            new InterleavedRuns.Server("vertx", VertxTechEmpowerServer.class.getName()));
    private static final List<Test> TESTS = List.of(
            new Test("json", "/json", 1, 1.0),
            new Test("db", "/db", 1, 1.1),
            new Test("queries=20", "/queries?queries=20", 1, 1.1),
            new Test("fortunes", "/fortunes", 1, 1.1),
            new Test("updates=20", "/updates?queries=20", 1, 1.1),
            new Test("plaintext", "/plaintext", 16, 1.0));

    /** A style of one test: its row name, the test it is a style of, and the path. */
    record Style(String test, String style, String path) {
        InterleavedRuns.Load load() {
            return new InterleavedRuns.Load(test + " " + style, path, 1);
        }
    }

    private static final List<Style> STYLES = List.of(
            new Style("db", "async", "/db"),
            new Style("db", "blocking", "/db-blocking"),
            new Style("db", "own connection", "/db-session"),
            new Style("db", "annotated", "/db-annotated"),
            new Style("queries=20", "async", "/queries?queries=20"),
            new Style("queries=20", "blocking", "/queries-blocking?queries=20"),
            new Style("queries=20", "pipelined", "/queries-pipelined?queries=20"),
            new Style("queries=20", "annotated", "/queries-annotated?queries=20"),
            new Style("fortunes", "async", "/fortunes"),
            new Style("fortunes", "blocking", "/fortunes-blocking"),
            new Style("fortunes", "annotated", "/fortunes-annotated"));

    private TechEmpowerBenchmarks() {
    }

    /**
     * Every style of {@link #STYLES} on our app with loop-carried virtual threads, and the blocking
     * ones again with the JDK's scheduler, interleaved; the table of ratios to the async style.
     */
    private static String styles(int rounds, int warmup, int seconds, int connections, boolean quick) throws Exception {
        InterleavedRuns.Server loop = new InterleavedRuns.Server("loop", TechEmpowerApp.class.getName(),
                List.of("-Dfasterapi.virtualThreads=loop"));
        InterleavedRuns.Server jdk = new InterleavedRuns.Server("jdk", TechEmpowerApp.class.getName(),
                List.of("-Dfasterapi.virtualThreads=jdk"));
        List<InterleavedRuns.Load> loads = STYLES.stream().map(Style::load).toList();
        // The Vert.x app has the async routes only: it serves their loads, the styles' yardstick.
        List<String> asyncLoads = STYLES.stream().filter(s -> s.style().equals("async")).map(s -> s.load().name()).toList();
        InterleavedRuns.Server vertx = new InterleavedRuns.Server("vertx", VertxTechEmpowerServer.class.getName(), List.of(),
                asyncLoads);
        // -Dfasterapi.bench.styles.jdk=off leaves out the JDK-scheduler server (about half the run's time).
        boolean withJdk = !System.getProperty("fasterapi.bench.styles.jdk", "on").trim().equals("off");
        List<InterleavedRuns.Server> servers = withJdk ? List.of(loop, jdk, vertx) : List.of(loop, vertx);
        Map<String, List<Wrk.Result>> results = InterleavedRuns.run(servers, loads, rounds, warmup, seconds, 2,
                connections, "techempower-styles");
        StringBuilder md = new StringBuilder("## TechEmpower tests by handler style (issue 15: blocking handlers)\n\n");
        md.append("Machine: ").append(MachineFacts.describe()).append(", load average (1, 5, 15 min) as the run ended: ")
                .append(loadAverage()).append(".\n\n");
        md.append("Command: `scripts/bench.sh techempower").append(quick ? " quick" : "")
                .append("` (after the table above): examples/techempower only, each test as an async lambda (returns a Future,"
                        + " runs on the event loop), a blocking lambda (a virtual thread; `pool.shared()` then `pg.run`;"
                        + " `own connection`: `pool.get()`), an annotated"
                        + " method (`@Get`, a `Pg` parameter injected by `PgDepends`, a record as response model) and, for"
                        + " queries, `pg.pipeline`. `loop`: virtual threads carried by the event loops (the default);"
                        + " `jdk`: the same JVM flags plus `-Dfasterapi.virtualThreads=jdk`; `vertx`: the Vert.x app's"
                        + " async route for the test, in the same rounds. ")
                .append(rounds).append(" round(s), both servers interleaved, wrk -t2 -c").append(connections).append(", ")
                .append(warmup).append(" s warm-up of every row before any is timed, then 1 s again and ").append(seconds)
                .append(" s per row; median round shown.\n\n");
        md.append("| test | style | loop req/s | vs async | vs vertx | app CPU µs/req | CPU vs async | jdk req/s | jdk app CPU µs/req |"
                + " every round's req/s (loop) |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Style style : STYLES) {
            String load = style.load().name();
            String async = new Style(style.test(), "async", "").load().name();
            List<Wrk.Result> mine = results.get(InterleavedRuns.key(load, "loop"));
            List<Wrk.Result> base = results.get(InterleavedRuns.key(async, "loop"));
            List<Wrk.Result> viaJdk = results.get(InterleavedRuns.key(load, "jdk"));
            List<Wrk.Result> peer = results.get(InterleavedRuns.key(async, "vertx"));
            Wrk.Result m = InterleavedRuns.median(mine);
            double cpu = InterleavedRuns.serverCpuMicrosPerRequest(mine);
            double baseCpu = InterleavedRuns.serverCpuMicrosPerRequest(base);
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2fx | %.2fx | %.1f | %.2fx | %s | %s | %s |%n",
                    style.test(), style.style(), m.requestsPerSec(),
                    m.requestsPerSec() / InterleavedRuns.median(base).requestsPerSec(),
                    m.requestsPerSec() / InterleavedRuns.median(peer).requestsPerSec(), cpu, cpu / baseCpu,
                    viaJdk == null ? "" : String.format(Locale.ROOT, "%,.0f", InterleavedRuns.median(viaJdk).requestsPerSec()),
                    viaJdk == null ? "" : String.format(Locale.ROOT, "%.1f", InterleavedRuns.serverCpuMicrosPerRequest(viaJdk)),
                    InterleavedRuns.rounds(mine)));
        }
        return md.toString();
    }

    /** The 1, 5 and 15 minute load averages, from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = args.length > 0 && args[0].equals("quick");
        // rounds of one test differ by up to 30% on a shared virtual machine; -Dfasterapi.bench.rounds overrides
        int rounds = Integer.getInteger("fasterapi.bench.rounds", quick ? 1 : 5);
        int warmup = quick ? 3 : 8;
        int seconds = quick ? 5 : 10;
        int connections = 256;
        // Both servers read TechEmpower's tables from the database FASTERAPI_PG_URL names, as they would in
        // TechEmpower's runs: scripts/bench.sh points it at hello_world on the server of scripts/dev-postgres.sh.
        String dsn = System.getenv("FASTERAPI_PG_URL");
        if (dsn == null) {
            throw new IllegalStateException("set FASTERAPI_PG_URL to the hello_world database (scripts/bench.sh does)");
        }
        HelloWorldDatabase.createIfMissing(dsn, HelloWorldDatabase.NAME);
        try (PgPool pool = PgPool.builder(dsn).maxSize(1).build(); Pg pg = pool.get()) {
            String database = pg.exec("SELECT current_database()").scalar(String.class);
            if (!database.equals(HelloWorldDatabase.NAME)) {
                throw new IllegalStateException("FASTERAPI_PG_URL names database " + database + ", not "
                        + HelloWorldDatabase.NAME + ", where the servers would find no tables (scripts/bench.sh sets it)");
            }
        }
        String stylesMode = System.getProperty("fasterapi.bench.styles", "on").trim();
        if (stylesMode.equals("only")) {
            String md = styles(rounds, warmup, seconds, connections, quick);
            System.out.println();
            System.out.println(md);
            BenchmarkDoc.writeSection("techempower-styles", md);
            return;
        }
        // -Dfasterapi.bench.tests=db,updates=20 runs only those (for profiling); such a run leaves the docs alone.
        String only = System.getProperty("fasterapi.bench.tests", "").trim();
        List<Test> tests = only.isEmpty() ? TESTS
                : TESTS.stream().filter(t -> List.of(only.split(",")).contains(t.name())).toList();
        List<String> flags = InterleavedRuns.jvmFlags();
        Map<String, List<Wrk.Result>> results = InterleavedRuns.run(PEERS, tests.stream().map(Test::load).toList(), rounds,
                warmup, seconds, 2, connections, "techempower-bench");
        StringBuilder md = new StringBuilder("## End to end: TechEmpower's six tests (issue: example apps)\n\n");
        md.append("Machine: ").append(MachineFacts.describe())
                .append(". wrk, both servers and PostgreSQL share its cores.\n\n");
        md.append("Command: `scripts/bench.sh techempower").append(quick ? " quick" : "")
                .append("`: examples/techempower against a Vert.x 5 app (vertx-web + vertx-pg-client, pipelined, statement cache"
                        + " on, one verticle per core), each in its own JVM (")
                .append(String.join(" ", flags)).append(" -Xmx1g), 8 connections per core to PostgreSQL for both, reading"
                        + " TechEmpower's tables world and fortune in database hello_world, ")
                .append(rounds).append(" round(s) interleaving the two, wrk -t2 -c").append(connections).append(", ")
                .append(warmup).append(" s warm-up of every test before any is timed, then 1 s again and ").append(seconds)
                .append(" s per test, plaintext pipelined 16 deep. ")
                .append("Each peer's median round shown; server CPU per request is the app JVM's CPU time (all threads, from /proc)"
                        + " over the measured runs, mean of the rounds, which the machine's noise moves far less than requests/s.\n\n");
        md.append("![TechEmpower tests, FasterAPI vs Vert.x](techempower.svg)\n\n");
        md.append("| test | fasterapi req/s | p50 ms | p99 ms | vertx req/s | p50 ms | p99 ms | ratio | target | errors (ours/vertx)"
                + " | app CPU µs/req (ours/vertx) | every round's req/s, ours; vertx |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        List<BarChart.Group> groups = new ArrayList<>();
        for (Test test : tests) {
            List<Wrk.Result> ourRounds = results.get(InterleavedRuns.key(test.name(), "fasterapi"));
            List<Wrk.Result> vertxRounds = results.get(InterleavedRuns.key(test.name(), "vertx"));
            Wrk.Result ours = InterleavedRuns.median(ourRounds);
            Wrk.Result vertx = InterleavedRuns.median(vertxRounds);
            double ratio = ours.requestsPerSec() / vertx.requestsPerSec();
            md.append(String.format(Locale.ROOT,
                    "| %s | %,.0f | %.2f | %.2f | %,.0f | %.2f | %.2f | %.2fx | %s%.1fx | %d/%d | %.1f / %.1f | %s; %s |%n",
                    test.name(), ours.requestsPerSec(), ours.p50Millis(), ours.p99Millis(), vertx.requestsPerSec(),
                    vertx.p50Millis(), vertx.p99Millis(), ratio, ratio >= test.target() ? "met, " : "MISSED, ", test.target(),
                    ours.errors(), vertx.errors(), InterleavedRuns.serverCpuMicrosPerRequest(ourRounds),
                    InterleavedRuns.serverCpuMicrosPerRequest(vertxRounds), InterleavedRuns.rounds(ourRounds),
                    InterleavedRuns.rounds(vertxRounds)));
            groups.add(new BarChart.Group(test.name(), new double[] {ours.requestsPerSec(), vertx.requestsPerSec()}));
        }
        if (!only.isEmpty()) {
            System.out.println();
            System.out.println(md);
            System.out.println("a filtered run: docs/benchmarks.md and the chart left as they were");
            return;
        }
        Path chart = BenchmarkDoc.docPath().resolveSibling("techempower.svg");
        BarChart.write(chart, "TechEmpower tests: FasterAPI vs Vert.x 5 (requests/s)", List.of("FasterAPI", "Vert.x 5"), groups, 1,
                "requests per second");
        System.out.println();
        System.out.println(md);
        BenchmarkDoc.writeSection("techempower", md.toString());
        if (!stylesMode.equals("off")) {
            String styles = styles(rounds, warmup, seconds, connections, quick);
            System.out.println();
            System.out.println(styles);
            BenchmarkDoc.writeSection("techempower-styles", styles);
        }
    }
}
