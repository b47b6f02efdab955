package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fasterapi.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Scenario (a) of docs/deployment.md through a real HAProxy: two instances of the shop (child JVMs
 * running {@link BasicApp#main}, as scripts/cluster.sh runs them) behind HAProxy configured from
 * scripts/cluster/haproxy.cfg (health check on {@code /ready}), clients reading items through the
 * balancer, and one instance stopped with SIGTERM. With the instance's drain delay, HAProxy takes it
 * out of rotation because {@code /ready} answers 503 while the process still serves, before its port
 * closes; no client request fails. Skipped, with the reason, only when HAProxy cannot be installed.
 */
class BalancedGracefulStopTest {
    private static final long DRAIN_DELAY_MS = 3_000; // the balancer needs ~1 s (2 checks 500 ms apart)
    private static final int CLIENTS = 6;

    record Failure(long atMillis, String what) {
    }

    @Test
    void sigtermToOneInstanceFailsNoRequestThroughTheBalancer() throws Exception {
        Path repo = repositoryRoot();
        Path haproxy = Path.of("/usr/sbin/haproxy");
        if (!Files.isExecutable(haproxy)) {
            run(repo.resolve("scripts/ensure-cluster-tools.sh").toString(), "haproxy");
        }
        assumeTrue(Files.isExecutable(haproxy), "HAProxy is not installed and could not be:"
                + " scripts/ensure-cluster-tools.sh installs Debian's haproxy (as root or with password-less sudo)");

        Path dir = Files.createTempDirectory("balanced-"); // short: HAProxy's stats socket lives here
        Map<String, Integer> ports = new HashMap<>();
        for (String name : List.of("LB_PORT", "LB_ONE_PORT", "STATS_PORT", "APP1_PORT", "APP2_PORT")) {
            ports.put(name, freePort());
        }
        List<Process> started = new ArrayList<>();
        boolean passed = false;
        try (ShopDb db = new ShopDb(BalancedGracefulStopTest.class);
             HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            String dsn = TestPostgres.dsn();
            dsn = dsn + (dsn.contains("?") ? "&" : "?") + "options=-c%20search_path%3D" + db.schema;
            Process app1 = app(dsn, ports.get("APP1_PORT"), dir.resolve("app1.log"));
            started.add(app1);
            Process app2 = app(dsn, ports.get("APP2_PORT"), dir.resolve("app2.log"));
            started.add(app2);
            for (String app : List.of("APP1_PORT", "APP2_PORT")) {
                awaitStatus(http, "http://127.0.0.1:" + ports.get(app) + "/ready", 200, Duration.ofSeconds(60), dir);
            }

            String config = Files.readString(repo.resolve("scripts/cluster/haproxy.cfg")).replace("@DIR@", dir.toString());
            for (var p : ports.entrySet()) {
                config = config.replace("@" + p.getKey() + "@", String.valueOf(p.getValue()));
            }
            Files.writeString(dir.resolve("haproxy.cfg"), config);
            Process balancer = new ProcessBuilder(haproxy.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
            started.add(balancer);
            String stats = "http://127.0.0.1:" + ports.get("STATS_PORT") + "/;csv";
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(bothUp(http, stats))) {
                assertThat(System.nanoTime()).as("both apps UP in HAProxy; %s", Files.readString(dir.resolve("haproxy.log")))
                        .isLessThan(until);
                Thread.sleep(100);
            }

            Queue<Failure> failures = new ConcurrentLinkedQueue<>();
            AtomicLong answered = new AtomicLong();
            AtomicLong answeredAfterExit = new AtomicLong();
            AtomicBoolean app2Gone = new AtomicBoolean();
            AtomicBoolean loading = new AtomicBoolean(true);
            URI item = URI.create("http://127.0.0.1:" + ports.get("LB_PORT") + "/items/1");
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (loading.get()) {
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(item).timeout(Duration.ofSeconds(20)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || !r.body().contains("\"id\":1")) {
                                failures.add(new Failure(System.currentTimeMillis(), r.statusCode() + " " + r.body()));
                            }
                        } catch (IOException | InterruptedException e) {
                            failures.add(new Failure(System.currentTimeMillis(), e.toString()));
                        }
                        answered.incrementAndGet();
                        if (app2Gone.get()) {
                            answeredAfterExit.incrementAndGet();
                        }
                    }
                }));
            }
            while (answered.get() < 200) {
                Thread.sleep(50);
            }
            long app2Served = Long.parseLong(server(http, stats, "app2").get("stot"));
            assertThat(app2Served).as("app2 took part before the stop").isPositive();

            long sigterm = System.currentTimeMillis();
            app2.destroy(); // SIGTERM: App.run's shutdown hook stops the server gracefully
            Map<String, String> down = server(http, stats, "app2");
            boolean aliveWhenDown = true;
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_DELAY_MS / 1000 + 20);
            while (!down.get("status").startsWith("DOWN")) {
                assertThat(System.nanoTime()).as("HAProxy marks app2 DOWN").isLessThan(until);
                Thread.sleep(50);
                down = server(http, stats, "app2");
                aliveWhenDown = app2.isAlive(); // read after the state: alive once HAProxy already had it DOWN
            }
            assertThat(aliveWhenDown).as("app2 was taken out of rotation while it still served").isTrue();
            assertThat(down.get("check_status")).as("taken out for its /ready 503, not a refused connection: %s", down)
                    .isEqualTo("L7STS");
            assertThat(down.get("check_code")).isEqualTo("503");

            assertThat(app2.waitFor(DRAIN_DELAY_MS + 30_000, TimeUnit.MILLISECONDS)).as("app2 exited").isTrue();
            app2Gone.set(true);
            long exited = System.currentTimeMillis();
            long before = answered.get();
            while (answeredAfterExit.get() < 200) {
                assertThat(System.currentTimeMillis() - exited).as("requests still answered after app2 exited").isLessThan(30_000);
                Thread.sleep(50);
            }
            loading.set(false);
            for (Thread c : clients) {
                c.join(TimeUnit.SECONDS.toMillis(30));
            }

            assertThat(failures).as("failed requests through the balancer (SIGTERM at %d, app2 exited at %d; logs in %s)",
                            sigterm, exited, dir)
                    .isEmpty();
            assertThat(answered.get()).isGreaterThan(before);
            passed = true;
        } finally {
            for (Process p : started) {
                p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            if (passed) { // on a failure the logs stay, named in the assertion messages
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    private static boolean bothUp(HttpClient http, String stats) throws Exception {
        try {
            return "UP".equals(server(http, stats, "app1").get("status")) && "UP".equals(server(http, stats, "app2").get("status"));
        } catch (IOException notYet) { // HAProxy is not listening yet
            return false;
        }
    }

    /** The row of HAProxy's CSV statistics for {@code name} in backend {@code apps}, by column name. */
    private static Map<String, String> server(HttpClient http, String statsCsv, String name) throws Exception {
        String csv = http.send(HttpRequest.newBuilder(URI.create(statsCsv)).build(), HttpResponse.BodyHandlers.ofString()).body();
        String[] lines = csv.split("\n");
        String[] header = lines[0].replaceFirst("^# ", "").split(",", -1);
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            if (cells.length > 1 && cells[0].equals("apps") && cells[1].equals(name)) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < Math.min(header.length, cells.length); i++) {
                    row.put(header[i], cells[i]);
                }
                return row;
            }
        }
        throw new AssertionError("no server " + name + " in HAProxy's statistics: " + Arrays.toString(lines));
    }

    private static Process app(String dsn, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BasicApp.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(Map.of("FASTERAPI_PG_URL", dsn, "PORT", String.valueOf(port),
                "DRAIN_DELAY_MS", String.valueOf(DRAIN_DELAY_MS), "ACCESS_LOG", "false"));
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitStatus(HttpClient http, String url, int status, Duration within, Path logs) throws Exception {
        long until = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("%s answers %d; logs in %s", url, status, logs).isLessThan(until);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("scripts/cluster/haproxy.cfg"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository (scripts/cluster/haproxy.cfg) above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        System.err.print(out);
    }
}
