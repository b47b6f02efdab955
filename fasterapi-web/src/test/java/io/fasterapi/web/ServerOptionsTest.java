package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ServerOptionsTest {
    /** Every setting away from its default. */
    private static ServerOptions everySettingChanged() {
        return ServerOptions.builder()
                .host("0.0.0.0")
                .maxInitialLineLength(4 * 1024)
                .maxHeaderSize(12 * 1024)
                .maxBodySize(5 * 1024 * 1024)
                .maxStreamedBodySize(1L << 20)
                .requestTimeout(Duration.ofSeconds(7))
                .handlerTimeout(Duration.ofSeconds(8))
                .idleTimeout(Duration.ofSeconds(9))
                .maxConnections(77)
                .compressionThreshold(-1)
                .accessLog(true)
                .accessLogFormat(AccessLogFormat.JSON)
                .accessLogLevel(Level.DEBUG)
                .serverName("edge")
                .uploadMemoryThreshold(4096)
                .maxFormParts(12)
                .uploadDirectory(Path.of("/tmp"))
                .maxWebSocketFrameSize(2048)
                .webSocketCloseTimeout(Duration.ofSeconds(3))
                .maxJsonNestingDepth(16)
                .maxPendingBackgroundTasks(5)
                .drainDelay(Duration.ofSeconds(2))
                .build();
    }

    private static List<Method> settings() {
        return Arrays.stream(ServerOptions.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 0 && m.getReturnType() != ServerOptions.Builder.class)
                .filter(m -> !List.of("toString", "hashCode").contains(m.getName()))
                .toList();
    }

    @Test
    void theTestChangesEverySetting() throws Exception {
        ServerOptions defaults = ServerOptions.defaults();
        ServerOptions changed = everySettingChanged();
        assertThat(settings()).hasSizeGreaterThan(20);
        for (Method setting : settings()) {
            assertThat(setting.invoke(changed)).as(setting.getName() + " changed by the test")
                    .isNotEqualTo(setting.invoke(defaults));
        }
    }

    @Test
    void toBuilderKeepsEverySetting() throws Exception {
        ServerOptions changed = everySettingChanged();
        ServerOptions copy = changed.toBuilder().build();
        for (Method setting : settings()) {
            assertThat(setting.invoke(copy)).as(setting.getName()).isEqualTo(setting.invoke(changed));
        }
    }

    @Test
    void toBuilderLeavesTheOptionsItCameFromAlone() {
        ServerOptions changed = everySettingChanged();
        ServerOptions other = changed.toBuilder().maxConnections(5).serverName("other").build();
        assertThat(changed.maxConnections()).isEqualTo(77);
        assertThat(changed.serverName()).isEqualTo("edge");
        assertThat(other.maxConnections()).isEqualTo(5);
        assertThat(other.host()).isEqualTo("0.0.0.0");
    }
}
