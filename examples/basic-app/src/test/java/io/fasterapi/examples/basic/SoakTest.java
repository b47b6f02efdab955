package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PoolStats;
import io.fasterapi.web.TestClient;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, soak: the example app under 256 concurrent HTTP clients (real loopback connections,
 * {@link HttpClient} over HTTP/1.1 keep-alive) for {@code -Dsoak.seconds} (default 60), mixing
 * {@code GET /items/{id}}, {@code POST /items/bulk} (a 3-line CSV through COPY),
 * {@code POST /purchase} (a serializable transaction) and {@code GET /summary} (two async queries
 * joined). Asserts: no error (a 5xx, a 422 or a connection failure; 404 and 409 out_of_stock are
 * expected answers and counted apart), p99 under a generous 2 s correctness bound (printed, not a
 * benchmark), the pool all idle afterwards, and the heap after GC within 32 MB of its baseline after
 * a warm-up of {@code -Dsoak.warmup} seconds (default 10).
 *
 * <p>Not part of {@code verify}: tagged {@code soak}, which the module's surefire excludes unless
 * {@code -Dsoak.excludedGroups=none -Dgroups=soak}; {@code make soak} ({@code scripts/soak.sh}) runs it.
 */
@Tag("soak")
class SoakTest {
    static final int CLIENTS = Integer.getInteger("soak.clients", 256);
    static final int SECONDS = Integer.getInteger("soak.seconds", 60);
    static final int WARMUP_SECONDS = Integer.getInteger("soak.warmup", 10);
    static final long SEED = Long.getLong("soak.seed", System.nanoTime());
    static final int ITEMS = 2000;
    static final int USERS = 1000;
    static final long HEAP_SLACK = 32L << 20;
    /** Generous, and configurable for a slower machine: it says nothing hangs, it is no benchmark. */
    static final Duration P99_BOUND = Duration.ofMillis(Long.getLong("soak.p99BoundMs", 2000));
    static final int CLIENT_RETRIES = 3;
    /** Short of Retry-After's second: the pause is the client's choice, and the soak wants load. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int OUT_OF_STOCK = 2;
    static final int RETRIED = 3;
    static final int ERROR = 4;

    enum Endpoint {
        ITEM("GET /items/{id}"), BULK("POST /items/bulk"), PURCHASE("POST /purchase"), SUMMARY("GET /summary");

        final String label;

        Endpoint(String label) {
            this.label = label;
        }
    }

    /** One client's figures; merged after the run (each client thread owns its own). */
    static final class Tally {
        final EnumMap<Endpoint, long[]> counts = new EnumMap<>(Endpoint.class); // by outcome
        final EnumMap<Endpoint, long[]> latencies = new EnumMap<>(Endpoint.class);
        final EnumMap<Endpoint, Integer> sizes = new EnumMap<>(Endpoint.class);
        final List<String> errorSamples = new ArrayList<>();

        Tally() {
            for (Endpoint e : Endpoint.values()) {
                counts.put(e, new long[5]);
                latencies.put(e, new long[1024]);
                sizes.put(e, 0);
            }
        }

        void record(Endpoint e, long nanos, int outcome) {
            counts.get(e)[outcome]++;
            long[] l = latencies.get(e);
            int n = sizes.get(e);
            if (n == l.length) {
                l = Arrays.copyOf(l, n * 2);
                latencies.put(e, l);
            }
            l[n] = nanos;
            sizes.put(e, n + 1);
        }
    }

    @Test
    void exampleAppUnderSustainedConcurrentLoad() throws Exception {
        try (ShopDb db = new ShopDb(SoakTest.class)) {
            seed(db.pool);
            try (TestClient app = TestClient.of(BasicApp.create(db.pool))) {
                run(app.baseUri(), db.pool);
            }
        }
    }

    /**
     * Enough items and users that purchases rarely contend and summaries stay small; little stock
     * each, so that items sell out during the run and 409 out_of_stock answers show up too.
     */
    private static void seed(PgPool pool) {
        try (Pg pg = pool.get()) {
            pg.exec("INSERT INTO items(name, price) SELECT 'item ' || g, 1.25 FROM generate_series(4, $1) g", ITEMS);
            pg.exec("INSERT INTO stock(item_id, qty) SELECT id, 4 FROM items WHERE id > 3");
            pg.exec("INSERT INTO users(name) SELECT 'user ' || g FROM generate_series(4, $1) g", USERS);
            pg.exec("UPDATE stock SET qty = 0 WHERE item_id = 3"); // sold out from the start: the cold start's 409
        }
    }

    private static void run(String base, PgPool pool) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        System.out.printf("soak: %d clients, warm-up %d s, run %d s, seed %d (replay with -Dsoak.seed=%d)%n", CLIENTS,
                WARMUP_SECONDS, SECONDS, SEED, SEED);
        coldStart(http, base);
        List<Tally> warmup = load(http, base, WARMUP_SECONDS, SEED - 1);
        assertNoErrors(warmup, "warm-up");
        long baseline = heapAfterGc();
        long start = System.nanoTime();
        List<Tally> tallies = load(http, base, SECONDS, SEED);
        double elapsed = (System.nanoTime() - start) / 1e9;
        http.close();

        PoolStats stats = settledStats(pool);
        long after = heapAfterGc();
        long p99 = printSummary(tallies, elapsed, stats, baseline, after);

        assertNoErrors(tallies, "soak");
        assertThat(Duration.ofNanos(p99)).as("p99 over all requests (a bound that says nothing hangs)").isLessThan(P99_BOUND);
        assertThat(stats.inUse()).as("handles still out after the soak: %s", stats).isZero();
        assertThat(stats.waiting()).as("waiters after the soak: %s", stats).isZero();
        assertThat(stats.idle()).as("every connection idle: %s", stats).isEqualTo(stats.total());
        assertThat(after - baseline).as("heap growth after GC, baseline %d MB", baseline >> 20).isLessThan(HEAP_SLACK);
    }

    /**
     * One request of each kind and outcome from a single client before the 256 start. On a cold JVM
     * the first concurrent requests race to load classes, and a virtual thread waiting for a class
     * another is loading pins its carrier: the pinning guard would fail the soak for that (seen:
     * Netty's QueryStringDecoder$Builder and PgTx, now loaded on the event loop; classes of
     * ErrorResponder and ResponseEncoder's body path, not yet). Cold start under load is its own
     * matter; the soak is about what follows.
     */
    private static void coldStart(HttpClient http, String base) throws Exception {
        List<HttpRequest> requests = List.of(
                HttpRequest.newBuilder(URI.create(base + "/items/1")).build(),
                HttpRequest.newBuilder(URI.create(base + "/items/999999")).build(),
                HttpRequest.newBuilder(URI.create(base + "/items/bulk")).header("content-type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString("cold,1.00\n")).build(),
                HttpRequest.newBuilder(URI.create(base + "/purchase?user_id=1&item_id=4"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpRequest.newBuilder(URI.create(base + "/purchase?user_id=1&item_id=3"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpRequest.newBuilder(URI.create(base + "/purchase?user_id=1&item_id=999999"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpRequest.newBuilder(URI.create(base + "/summary?user_id=1")).build(),
                HttpRequest.newBuilder(URI.create(base + "/summary?user_id=999999")).build());
        List<Integer> expected = List.of(200, 404, 200, 200, 409, 404, 200, 404);
        for (int i = 0; i < requests.size(); i++) {
            HttpResponse<String> r = http.send(requests.get(i), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("cold start %s: %s", requests.get(i).uri(), r.body()).isEqualTo(expected.get(i));
        }
    }

    private static List<Tally> load(HttpClient http, String base, int seconds, long seed) throws InterruptedException {
        ConcurrentLinkedQueue<Tally> tallies = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(seed * 31 + c);
            int client = c;
            // Platform threads: the load generator is not under test, and java.net.http's client pins
            // virtual threads (JFR: "blocked in Contended monitor enter"), which the pinning guard
            // would report against the server.
            Thread.ofPlatform().daemon().name("soak-client-" + c).start(() -> {
                Tally t = new Tally();
                try {
                    int n = 0;
                    while (!stop.get()) {
                        request(http, base, random, client, n++, t);
                    }
                } finally {
                    tallies.add(t);
                    done.countDown();
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        assertThat(done.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("clients stopped").isTrue();
        return List.copyOf(tallies);
    }

    private static void request(HttpClient http, String base, Random random, int client, int n, Tally t) {
        int pick = random.nextInt(100);
        Endpoint e;
        HttpRequest.Builder b;
        if (pick < 40) {
            e = Endpoint.ITEM;
            b = HttpRequest.newBuilder(URI.create(base + "/items/" + (1 + random.nextInt(ITEMS + 200)))).GET();
        } else if (pick < 50) {
            e = Endpoint.BULK;
            String csv = "soak " + client + "-" + n + "-a,1.50\n" + "soak " + client + "-" + n + "-b,2.25\n"
                    + "\"soak, quoted " + client + "\",3.00\n";
            b = HttpRequest.newBuilder(URI.create(base + "/items/bulk")).header("content-type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(csv));
        } else if (pick < 75) {
            e = Endpoint.PURCHASE;
            b = HttpRequest.newBuilder(URI.create(base + "/purchase?user_id=" + (1 + random.nextInt(USERS)) + "&item_id="
                    + (1 + random.nextInt(ITEMS + 20)))).POST(HttpRequest.BodyPublishers.noBody());
        } else {
            e = Endpoint.SUMMARY;
            b = HttpRequest.newBuilder(URI.create(base + "/summary?user_id=" + (1 + random.nextInt(USERS + 10)))).GET();
        }
        HttpRequest req = b.timeout(Duration.ofSeconds(30)).build();
        for (int attempt = 1; ; attempt++) {
            long start = System.nanoTime();
            int outcome = send(http, req, e, attempt, t);
            t.record(e, System.nanoTime() - start, outcome);
            if (outcome != RETRIED) {
                return;
            }
            try {
                Thread.sleep(RETRY_PAUSE);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Sends once; the outcome index. A 503 with Retry-After (PgDepends' answer to a serialization
     * failure that outlasted the transaction's own retries) is retried, as a client should, up to
     * {@link #CLIENT_RETRIES} times; after that it counts as an error.
     */
    private static int send(HttpClient http, HttpRequest req, Endpoint e, int attempt, Tally t) {
        int outcome;
        String error = null;
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            if (s == 503 && r.headers().firstValue("retry-after").isPresent() && attempt <= CLIENT_RETRIES) {
                outcome = RETRIED;
            } else if (s == 200) {
                outcome = OK;
            } else if (s == 404 && (e == Endpoint.ITEM || e == Endpoint.PURCHASE || e == Endpoint.SUMMARY)) {
                outcome = NOT_FOUND;
            } else if (s == 409 && e == Endpoint.PURCHASE && r.body().contains("out_of_stock")) {
                outcome = OUT_OF_STOCK;
            } else {
                outcome = ERROR;
                error = e.label + " -> " + s + " " + r.body();
            }
        } catch (IOException ex) {
            outcome = ERROR;
            error = e.label + " -> " + ex;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            outcome = ERROR;
            error = e.label + " -> interrupted";
        }
        if (error != null && t.errorSamples.size() < 5) {
            t.errorSamples.add(error);
        }
        return outcome;
    }

    private static void assertNoErrors(List<Tally> tallies, String phase) {
        long errors = 0;
        List<String> samples = new ArrayList<>();
        for (Tally t : tallies) {
            for (long[] c : t.counts.values()) {
                errors += c[ERROR];
            }
            samples.addAll(t.errorSamples);
        }
        assertThat(errors).as("errors during the %s, for example %s", phase, samples.stream().limit(10).toList()).isZero();
    }

    /** The pool once every handle is back (release runs after the response is written, so allow a moment). */
    private static PoolStats settledStats(PgPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        PoolStats s = pool.stats();
        while ((s.inUse() > 0 || s.waiting() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            s = pool.stats();
        }
        return s;
    }

    private static long heapAfterGc() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /** Prints the table; returns the overall p99 in nanoseconds. Latencies are per attempt. */
    private static long printSummary(List<Tally> tallies, double elapsed, PoolStats stats, long baseline, long after) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nsoak: %d clients for %.1f s%n", CLIENTS, elapsed));
        out.append(String.format("%-18s %9s %7s %8s %7s %7s %9s %7s %8s %8s %8s%n", "endpoint", "requests", "req/s", "200",
                "404", "409", "503 retry", "errors", "p50 ms", "p99 ms", "max ms"));
        long[] all = new long[0];
        long[] totals = new long[5];
        for (Endpoint e : Endpoint.values()) {
            long[] c = new long[5];
            long[] lat = new long[0];
            for (Tally t : tallies) {
                for (int i = 0; i < c.length; i++) {
                    c[i] += t.counts.get(e)[i];
                }
                lat = concat(lat, Arrays.copyOf(t.latencies.get(e), t.sizes.get(e)));
            }
            Arrays.sort(lat);
            all = concat(all, lat);
            row(out, e.label, elapsed, c, lat);
            for (int i = 0; i < c.length; i++) {
                totals[i] += c[i];
            }
        }
        Arrays.sort(all);
        row(out, "all", elapsed, totals, all);
        out.append(String.format("pool after: inUse=%d idle=%d total=%d waiting=%d created=%d closed=%d;"
                + " acquire p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", stats.inUse(), stats.idle(), stats.total(),
                stats.waiting(), stats.created(), stats.closed(), stats.acquireP50().toNanos() / 1e6,
                stats.acquireP99().toNanos() / 1e6, stats.acquireMax().toNanos() / 1e6));
        out.append(String.format("heap after GC: baseline %.1f MB, after %.1f MB, growth %.1f MB (bound %d MB)%n",
                baseline / 1048576.0, after / 1048576.0, (after - baseline) / 1048576.0, HEAP_SLACK >> 20));
        System.out.print(out);
        return percentile(all, 0.99);
    }

    private static void row(StringBuilder out, String label, double elapsed, long[] c, long[] sorted) {
        long requests = Arrays.stream(c).sum();
        out.append(String.format("%-18s %9d %7.0f %8d %7d %7d %9d %7d %8.1f %8.1f %8.1f%n", label, requests,
                requests / elapsed, c[OK], c[NOT_FOUND], c[OUT_OF_STOCK], c[RETRIED], c[ERROR],
                percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
