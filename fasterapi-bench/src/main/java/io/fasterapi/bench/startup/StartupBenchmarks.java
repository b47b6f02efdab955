package io.fasterapi.bench.startup;

import io.fasterapi.bench.http.InterleavedRuns;
import io.fasterapi.bench.http.JavalinHttpServer;
import io.fasterapi.bench.report.BenchmarkDoc;
import io.fasterapi.bench.report.MachineFacts;
import io.fasterapi.bench.techempower.VertxTechEmpowerServer;
import io.fasterapi.examples.techempower.HelloWorldDatabase;
import io.fasterapi.examples.techempower.TechEmpowerApp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Process start to the first 200: the TechEmpower example against the Vert.x app and a Javalin app, each
 * started five times, interleaved, without and with a JDK 25 ahead-of-time cache made by one training run
 * ({@code -XX:AOTCacheOutput}: the app started, each of its routes asked 50 times, the database ones
 * included, stopped). Also the resident
 * memory right after that first answer. Each app runs on the class path it is deployed with, of jars (an
 * AOT cache refuses directories), from the files named by {@code -Dfasterapi.bench.startup.classpaths}
 * (scripts/bench.sh resolves them; without it, all on the bench module's). Writes the section "startup" of
 * docs/benchmarks.md.
 */
public final class StartupBenchmarks {
    /**
     * An app: its first 200 is asked of {@code path}; its training run asks each of {@code training} 50 times;
     * {@code key} names its class path file; {@code ownDatabase}: it gets the DSN of the database the bench
     * was given ({@code -Dfasterapi.bench.startup.shopDsn}) instead of TechEmpower's.
     */
    private record App(String key, String name, String mainClass, String path, List<String> training,
                       boolean ownDatabase) {
        App(String key, String name, String mainClass, String path, List<String> training) {
            this(key, name, mainClass, path, training, false);
        }
    }

    /** TechEmpower's six tests: the training run takes the database paths too, not only the first answer's. */
    private static final List<String> TECHEMPOWER_PATHS = List.of("/json", "/plaintext", "/db", "/queries?queries=5",
            "/fortunes", "/updates?queries=5");

    private static final List<App> APPS = List.of(
            new App("fasterapi", "fasterapi (examples/techempower)", TechEmpowerApp.class.getName(), "/json",
                    TECHEMPOWER_PATHS),
            new App("vertx", "vertx (vertx-web + vertx-pg-client)", VertxTechEmpowerServer.class.getName(), "/json",
                    TECHEMPOWER_PATHS),
            new App("javalin", "javalin", JavalinHttpServer.class.getName(), "/json", List.of("/json", "/plaintext")),
            // The shop example as users write one: bodies, validation, OAuth2-free routes, Prometheus metrics,
            // OpenTelemetry's SDK; its schema created in its own database before it listens.
            new App("basic", "fasterapi shop (examples/basic-app)", "io.fasterapi.examples.basic.BasicApp", "/hello",
                    List.of("/hello", "/items/1", "/summary", "/health"), true),
            // FastAPI's security tutorial: OAuth2 password flow, PBKDF2, JWTs, its users in PostgreSQL. Every route of
            // its own needs a token: its first 200 is the framework's /health; trained on its 401s and Swagger UI.
            new App("secure", "fasterapi secure (examples/secure-app)", "io.fasterapi.examples.secure.SecureApp", "/health",
                    List.of("/health", "/status", "/users/me", "/docs"), true));

    /** Wall time to the first 200, the process's CPU time by then (all its threads: JIT, GC), its RSS then. */
    private record Start(long millis, long cpuMillis, long rssKib) {
    }

    private StartupBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("fasterapi.bench.rounds", 5);
        String dsn = System.getenv().getOrDefault("FASTERAPI_PG_URL", "postgresql://postgres@127.0.0.1:5432/hello_world");
        HelloWorldDatabase.createIfMissing(dsn, HelloWorldDatabase.NAME);
        String classPaths = System.getProperty("fasterapi.bench.startup.classpaths");
        // Without scripts/bench.sh's class paths all apps share the bench module's, which lacks the shop example.
        List<App> apps = classPaths != null ? APPS : APPS.stream().filter(a -> !a.ownDatabase()).toList();
        Map<String, String> classPath = new LinkedHashMap<>();
        for (App app : apps) {
            classPath.put(app.key(), classPaths == null ? jarClassPath()
                    : Files.readString(Path.of(classPaths, app.key() + ".txt")).strip());
        }
        Path work = Files.createTempDirectory("startup-bench");
        Map<String, Path> caches = new LinkedHashMap<>();
        for (App app : apps) {
            Path cache = work.resolve(app.mainClass() + ".aot");
            train(app, classPath.get(app.key()), cache, work);
            caches.put(app.name(), Files.exists(cache) ? cache : null);
        }
        Map<String, List<Start>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (App app : apps) {
                for (boolean withCache : new boolean[] {false, true}) {
                    Path cache = caches.get(app.name());
                    if (withCache && cache == null) {
                        continue;
                    }
                    Start s = start(app, classPath.get(app.key()), withCache ? List.of("-XX:AOTCache=" + cache) : List.of(), work);
                    String key = app.name() + (withCache ? "|on" : "|off");
                    results.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
                    System.out.printf(Locale.ROOT, "round %d %-38s AOT %-3s %6d ms  CPU %6d ms  %6.0f MiB%n", round,
                            app.name(), withCache ? "on" : "off", s.millis(), s.cpuMillis(), s.rssKib() / 1024.0);
                }
            }
        }
        StringBuilder md = new StringBuilder("## Startup (issue 17)\n\n");
        md.append("Machine: ").append(MachineFacts.describe()).append(".\n\n");
        md.append("Command: `scripts/bench.sh startup`: each app started ").append(rounds)
                .append(" times, interleaved, from `java` to the first 200 on `/json` (the shop example: `/hello`; the secure example: `/health`, its own routes all needing a token; polled every 5 ms), the JVM flags of the"
                        + " other benchmarks and -Xmx1g, "
                        + (classPaths == null ? "all on the bench module's class path"
                                : "each on the class path it is deployed with (the example's runtime dependencies; each"
                                        + " peer's framework, fasterapi-bench/startup/*/pom.xml, and the bench jar holding its"
                                        + " main class)")
                        + "; `AOT on`: with a JDK ahead-of-time cache made by one training run"
                        + " (`-XX:AOTCacheOutput`, each TechEmpower path asked 50 times, the database ones included, the shop's `/hello`, `/items/1`, `/summary` and `/health`, the secure example's `/health`, `/status`, `/users/me` and `/docs`, then SIGTERM). RSS: the process's resident memory"
                        + " right after the first answer. CPU: the process's CPU time by then, every thread's (the JIT"
                        + " compilers' too): steadier than the wall time on a busy machine. The FasterAPI examples check (the shop and the secure example:"
                        + " create) their tables in PostgreSQL before they listen; the Vert.x app connects on its first database request.\n\n");
        md.append("| app | AOT cache | median ms | min–max ms | CPU ms (median) | RSS after the first answer (median MiB) |\n");
        md.append("|---|---|---:|---:|---:|---:|\n");
        for (var e : results.entrySet()) {
            String[] k = e.getKey().split("\\|");
            long[] ms = e.getValue().stream().mapToLong(Start::millis).sorted().toArray();
            long[] rss = e.getValue().stream().mapToLong(Start::rssKib).sorted().toArray();
            long[] cpu = e.getValue().stream().mapToLong(Start::cpuMillis).sorted().toArray();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d–%d | %d | %.0f |%n", k[0], k[1], ms[ms.length / 2], ms[0],
                    ms[ms.length - 1], cpu[cpu.length / 2], rss[rss.length / 2] / 1024.0));
        }
        System.out.println();
        System.out.println(md);
        BenchmarkDoc.writeSection("startup", md.toString());
    }

    /** The bench's class path with each module's {@code target/classes} replaced by the module's jar. */
    static String jarClassPath() {
        List<String> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && p.getFileName().toString().equals("classes")) {
                Path jar = moduleJar(p.getParent());
                if (jar == null) {
                    throw new IllegalStateException("no jar beside " + p + ": run `mvn package` first (scripts/bench.sh does)");
                }
                out.add(jar.toString());
            } else {
                out.add(entry);
            }
        }
        return String.join(File.pathSeparator, out);
    }

    private static Path moduleJar(Path target) {
        File[] jars = target.toFile().listFiles((d, n) -> n.endsWith(".jar") && !n.endsWith("-sources.jar")
                && !n.endsWith("-javadoc.jar"));
        return jars == null || jars.length == 0 ? null : jars[0].toPath();
    }

    // The port is the first argument and $PORT (the shop example reads only the latter).
    private static ProcessBuilder process(App app, String classPath, List<String> extra, int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(InterleavedRuns.jvmFlags());
        cmd.addAll(extra);
        cmd.addAll(List.of("-Xmx1g", "-cp", classPath, app.mainClass(), Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PORT", Integer.toString(port));
        String shopDsn = System.getProperty("fasterapi.bench.startup.shopDsn");
        if (app.ownDatabase() && shopDsn != null) {
            pb.environment().put("FASTERAPI_PG_URL", shopDsn);
        }
        // as in production: a configured signing key (without it the secure example makes one per start, and warns)
        pb.environment().put("SECURE_APP_JWT_SECRET", "startup-benchmark-signing-key-of-32-bytes-or-more");
        return pb;
    }

    private static void train(App app, String classPath, Path cache, Path work) throws Exception {
        int port = freePort();
        Process p = process(app, classPath, List.of("-XX:AOTCacheOutput=" + cache), port)
                .redirectErrorStream(true).redirectOutput(work.resolve("train-" + app.mainClass() + ".log").toFile()).start();
        try {
            awaitFirst200(p, port, app.path());
            HttpClient client = HttpClient.newHttpClient();
            for (String path : app.training()) {
                for (int i = 0; i < 50; i++) {
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        } finally {
            p.destroy(); // SIGTERM: the JVM writes the cache as it exits
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (!Files.exists(cache)) {
            System.out.println("no AOT cache for " + app.name() + " (see " + work + "): its AOT rows are left out");
        }
    }

    private static Start start(App app, String classPath, List<String> extra, Path work) throws Exception {
        int port = freePort();
        long t0 = System.nanoTime();
        Process p = process(app, classPath, extra, port).redirectErrorStream(true)
                .redirectOutput(work.resolve("run-" + app.mainClass() + ".log").toFile()).start();
        try {
            awaitFirst200(p, port, app.path());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            long cpu = p.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
            return new Start(millis, cpu, rssKib(p.pid()));
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void awaitFirst200(Process p, int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the app exited with " + p.exitValue());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no 200 on " + path + " within 60 s");
    }

    /** VmRSS of {@code pid} in KiB, from /proc; -1 where it cannot be read. */
    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(Arrays.stream(line.substring(6).trim().split("\\s+")).findFirst().orElse("-1"));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
