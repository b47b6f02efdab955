package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.testing.TestPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry is an optional dependency of the web module too, and tracing is off unless asked
 * for: an app serves (blocking and loop handlers, queries, a failure, the access log with the
 * client's trace id) without {@code opentelemetry-api} on the class path, and with it there, an app
 * that does not trace loads none of its classes.
 */
class WithoutOpenTelemetryTest {
    static final String EXPECTED = "OK 200 {\"one\":1} 200 {\"two\":2} 500 {\"detail\":\"Internal Server Error\"}";

    @Test
    void servesWithoutOpenTelemetryOnTheClassPath() throws Exception {
        String classpath = Arrays.stream(classPath().split(File.pathSeparator))
                .filter(e -> !e.contains("opentelemetry")).collect(Collectors.joining(File.pathSeparator));
        String out = run(classpath, "absent", List.of());
        assertThat(out).as(out).contains(EXPECTED).contains("\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"");
    }

    @Test
    void anAppWithoutTracingLoadsNoOpenTelemetryClass() throws Exception {
        String out = run(classPath(), "present", List.of("-Xlog:class+load=info"));
        assertThat(out).as(out).contains(EXPECTED).contains("io.fasterapi.web.internal.server.Dispatcher")
                .doesNotContain("io.opentelemetry.").doesNotContain("OtelRequestTracer").doesNotContain("OtelPgTracer");
    }

    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String run(String classpath, String mode, List<String> flags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.log.io.fasterapi.web.access=info"));
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, NoOpenTelemetryWebMain.class.getName(), TestPostgres.dsn(), mode));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
