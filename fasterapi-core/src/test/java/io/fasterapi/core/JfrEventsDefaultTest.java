package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.internal.PlatformDependent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Netty's flight-recorder events are off unless asked for (registering them costs the first connection
 * tens of milliseconds), and {@code -Dio.netty.jfr.enabled=true} brings them back. Each case runs in a
 * JVM of its own: Netty reads the switch once per JVM.
 */
class JfrEventsDefaultTest {
    /** Creates a reactor, allocates a buffer and prints whether Netty's JFR events are on. */
    public static final class PrintJfr {
        public static void main(String[] args) {
            try (Reactor reactor = Reactor.builder().threads(1).build()) {
                ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(64);
                b.release();
                System.out.println("JFR " + PlatformDependent.isJfrEnabled() + " on " + reactor.size() + " loop");
            }
        }
    }

    @Test
    void aReactorTurnsNettysJfrEventsOffWhenNotAskedFor() throws Exception {
        assertThat(jfrInChildJvm()).isEqualTo("false");
    }

    @Test
    void anExplicitSwitchWins() throws Exception {
        assertThat(jfrInChildJvm("-Dio.netty.jfr.enabled=true")).isEqualTo("true");
    }

    private static String jfrInChildJvm(String... flags) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PrintJfr.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().filter(l -> l.startsWith("JFR ")).findFirst().orElseThrow(() -> new AssertionError(out))
                .split(" ")[1];
    }
}
