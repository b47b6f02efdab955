package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Netty's leak detector is off in production unless asked for, and an explicit level always wins.
 * Each case runs in a JVM of its own: the level is global, and this JVM's tests run at PARANOID.
 */
class LeakDetectionDefaultTest {
    /** Creates a reactor and prints the leak detector's level. */
    public static final class PrintLevel {
        public static void main(String[] args) {
            try (Reactor reactor = Reactor.builder().threads(1).build()) {
                System.out.println("LEVEL " + ResourceLeakDetector.getLevel() + " on " + reactor.size() + " loop");
            }
        }
    }

    @Test
    void aReactorTurnsTheDetectorOffWhenNoLevelIsGiven() throws Exception {
        assertThat(levelInChildJvm()).isEqualTo("DISABLED");
    }

    @Test
    void anExplicitLevelWins() throws Exception {
        assertThat(levelInChildJvm("-Dio.netty.leakDetection.level=advanced")).isEqualTo("ADVANCED");
        assertThat(levelInChildJvm("-Dio.netty.leakDetectionLevel=paranoid")).isEqualTo("PARANOID");
    }

    @Test
    void thisJvmKeepsTheLevelItsTestsAskFor() {
        try (Reactor reactor = Reactor.builder().threads(1).build()) {
            assertThat(reactor.size()).isEqualTo(1);
            assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        }
    }

    private static String levelInChildJvm(String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintLevel.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("LEVEL ")).findFirst().orElseThrow(() -> new AssertionError(out))
                .split(" ")[1];
    }
}
