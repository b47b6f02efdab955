package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The example app's {@code main} in a child JVM, as a supervisor runs it: when it cannot start it
 * exits with a non-zero status within seconds and says why in one line on stderr, never showing the
 * password; when it can, it says where it listens and serves there. Before the fix a wrong password
 * left a JVM that served nothing and never exited (the event loops' threads kept it alive).
 */
class StartupFailureTest {
    private static final Duration EXIT_BOUND = Duration.ofSeconds(30); // generous: a loaded 2-core machine starts a JVM slowly
    private static PasswordCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new PasswordCluster();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        cluster.close();
    }

    /**
     * What the child printed on stderr and how it ended. Besides the one line naming the problem, it
     * may print INFO lines (Hibernate Validator's version through java.util.logging, the server's
     * notices while the schema is created), nothing above INFO and never a stack trace.
     */
    record Outcome(int exitStatus, List<String> stderr, long millis) {
        /** The one line that says why it did not start. */
        String reason() {
            assertThat(stderr).as("no stack trace").noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
            List<String> failures = stderr.stream().filter(l -> l.contains("failed to start") || l.contains("cannot start"))
                    .toList();
            assertThat(failures).as("stderr: %s", stderr).hasSize(1);
            assertThat(stderr).as("nothing else above INFO").filteredOn(l -> !failures.contains(l))
                    .noneMatch(l -> l.contains("ERROR") || l.contains("WARN") || l.contains("SEVERE"));
            assertThat(millis).as("exited within seconds").isLessThan(EXIT_BOUND.toMillis());
            return failures.get(0);
        }
    }

    @Test
    void aWrongPasswordExits3WithOneLineWithoutThePassword() throws Exception {
        String wrong = "N0t-The/Passw0rd";
        Outcome o = runUntilExit(Map.of("FASTERAPI_PG_URL", cluster.dsn(wrong.replace("/", "%2F")), "PORT", "0"));
        assertThat(o.exitStatus()).isEqualTo(3);
        assertThat(o.reason())
                .contains("FasterAPI failed to start", "password authentication failed for user \"postgres\"")
                .doesNotContain(wrong, "N0t-The", "Passw0rd", "N0t-The%2FPassw0rd", PasswordCluster.PASSWORD);
    }

    @Test
    void anUnreachableServerExits3WithOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Outcome o = runUntilExit(Map.of("FASTERAPI_PG_URL",
                "postgres://postgres:s3cret-Pw@127.0.0.1:" + closedPort + "/postgres?connect_timeout=2", "PORT", "0"));
        assertThat(o.exitStatus()).isEqualTo(3);
        assertThat(o.reason())
                .contains("FasterAPI failed to start", "127.0.0.1:" + closedPort)
                .doesNotContain("s3cret");
    }

    @Test
    void aBadDsnExitsAtOnceWithOneLineNamingIt() throws Exception {
        Outcome o = runUntilExit(Map.of("FASTERAPI_PG_URL", "postgres://postgres:s3cret-Pw@127.0.0.1:54x2/postgres",
                "PORT", "0"));
        assertThat(o.exitStatus()).isNotZero();
        assertThat(o.reason()).contains("invalid DSN").doesNotContain("s3cret");
    }

    @Test
    void aPortInUseExits3WithOneLineNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Outcome o = runUntilExit(Map.of("FASTERAPI_PG_URL", cluster.dsn(PasswordCluster.PASSWORD), "PORT",
                    String.valueOf(taken.getLocalPort())));
            assertThat(o.exitStatus()).isEqualTo(3);
            assertThat(o.reason())
                    .contains("FasterAPI failed to start", "cannot listen on http://127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain(PasswordCluster.PASSWORD);
        }
    }

    @Test
    void whenItStartsItSaysWhereItListensAndServesThere() throws Exception {
        Path err = Files.createTempFile("basic-app", ".err");
        Process p = child(Map.of("FASTERAPI_PG_URL", cluster.dsn(PasswordCluster.PASSWORD), "PORT", "0", "HOST",
                "127.0.0.1"), err);
        try {
            Pattern listening = Pattern.compile("FasterAPI listening on http://127\\.0\\.0\\.1:(\\d+) ");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Matcher m = listening.matcher("");
            while (!m.find()) {
                assertThat(p.isAlive()).as("running; stderr: %s", Files.readString(err)).isTrue();
                assertThat(System.nanoTime()).as("the startup line; stderr: %s", Files.readString(err)).isLessThan(deadline);
                Thread.sleep(100);
                m = listening.matcher(Files.readString(err));
            }
            int port = Integer.parseInt(m.group(1));
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("hello");
            }
            p.destroy(); // SIGTERM: a graceful stop
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    private static Outcome runUntilExit(Map<String, String> env) throws IOException, InterruptedException {
        Path err = Files.createTempFile("basic-app", ".err");
        try {
            long start = System.nanoTime();
            Process p = child(env, err);
            boolean exited = p.waitFor(EXIT_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor();
            }
            List<String> lines = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            assertThat(exited).as("the process ended within %s; stderr: %s", EXIT_BOUND, lines).isTrue();
            return new Outcome(p.exitValue(), lines, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static Process child(Map<String, String> env, Path stderr) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", // as run-example.sh
                "-cp", System.getProperty("java.class.path"), BasicApp.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(env);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        return pb.start();
    }
}
