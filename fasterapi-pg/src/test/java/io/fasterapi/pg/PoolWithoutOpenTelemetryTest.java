package io.fasterapi.pg;

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
 * OpenTelemetry is an optional dependency, and tracing is off unless asked for: a pool works without
 * {@code opentelemetry-api} on the class path, and with it there, a pool that does not trace loads
 * none of its classes (the cost of tracing off is a null check, not a class).
 */
class PoolWithoutOpenTelemetryTest {
    @Test
    void poolWorksWithoutOpenTelemetryOnTheClassPath() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("opentelemetry")).collect(Collectors.joining(File.pathSeparator));
        String out = run(classpath, "absent", List.of());
        assertThat(out).as(out).contains("OK 1 2 3 4");
    }

    @Test
    void poolWithoutTracingLoadsNoOpenTelemetryClass() throws Exception {
        String out = run(System.getProperty("java.class.path"), "present", List.of("-Xlog:class+load=info"));
        assertThat(out).as(out).contains("OK 1 2 3 4").contains("io.fasterapi.pg.internal.pool.ShardedPool")
                .doesNotContain("io.opentelemetry.").doesNotContain("OtelPgTracer");
    }

    private static String run(String classpath, String mode, List<String> flags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, NoOpenTelemetryMain.class.getName(), TestPostgres.dsn(), mode));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
