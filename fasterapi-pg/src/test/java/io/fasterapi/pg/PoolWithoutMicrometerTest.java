package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.testing.TestPostgres;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Micrometer is an optional dependency: a pool without it on the classpath works (metrics just unavailable). */
class PoolWithoutMicrometerTest {
    @Test
    void poolWorksWithoutMicrometerOnTheClasspath() throws Exception {
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("micrometer")).collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-cp", classpath, NoMicrometerMain.class.getName(),
                TestPostgres.dsn()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains("OK 1 2 true ");
    }
}
