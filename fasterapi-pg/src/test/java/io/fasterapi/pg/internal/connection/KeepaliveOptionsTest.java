package io.fasterapi.pg.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.core.Reactor;
import io.fasterapi.core.Transport;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgException;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.internal.config.DsnParser;
import io.fasterapi.pg.internal.config.TcpKeepalives;
import io.fasterapi.pg.internal.pool.PgSession;
import io.fasterapi.testing.TestPostgres;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * libpq's keepalive keys ({@code keepalives}, {@code keepalives_idle}, {@code keepalives_interval},
 * {@code keepalives_count}, {@code tcp_user_timeout}) reach the session sockets: each is read back
 * from the connected channel (getsockopt), on the native epoll transport and on NIO. Bad values are
 * refused when the DSN is parsed, naming the key and never the password.
 */
class KeepaliveOptionsTest {
    private static String dsn(String params) {
        String base = TestPostgres.dsn();
        return base + (base.contains("?") ? "&" : "?") + params;
    }

    private static Channel channelOf(Pg pg) {
        return ((PgSession) pg).connection().channel();
    }

    private static int system(String name) throws Exception {
        // Read as a stream: /proc files report size 0, which Files.readString takes at its word.
        try (java.io.InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4", name))) {
            return Integer.parseInt(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim());
        }
    }

    @Test
    void epollSocketsCarryTheDsnsKeepaliveSettings() {
        try (Reactor reactor = Reactor.builder().threads(1).transport(Transport.EPOLL).build();
                PgPool pool = PgPool.builder(dsn("keepalives_idle=7&keepalives_interval=3&keepalives_count=4"
                        + "&tcp_user_timeout=9000")).reactor(reactor).maxSize(1).build();
                Pg pg = pool.get()) {
            Channel ch = channelOf(pg);
            assertThat(ch.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
            assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPIDLE)).isEqualTo(7);
            assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPINTVL)).isEqualTo(3);
            assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPCNT)).isEqualTo(4);
            assertThat(ch.config().getOption(EpollChannelOption.TCP_USER_TIMEOUT)).isEqualTo(9000);
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void byDefaultKeepalivesAreOnWithTheSystemsTimings() throws Exception {
        try (Reactor reactor = Reactor.builder().threads(1).transport(Transport.EPOLL).build();
                PgPool pool = PgPool.builder(TestPostgres.dsn()).reactor(reactor).maxSize(1).build();
                Pg pg = pool.get()) {
            Channel ch = channelOf(pg);
            assertThat(ch.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
            assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPIDLE)).isEqualTo(system("tcp_keepalive_time"));
            assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPINTVL)).isEqualTo(system("tcp_keepalive_intvl"));
            assertThat(ch.config().getOption(EpollChannelOption.TCP_KEEPCNT)).isEqualTo(system("tcp_keepalive_probes"));
            assertThat(ch.config().getOption(EpollChannelOption.TCP_USER_TIMEOUT)).isZero();
        }
    }

    @Test
    void keepalivesZeroTurnsThemOff() {
        try (Reactor reactor = Reactor.builder().threads(1).transport(Transport.EPOLL).build();
                PgPool pool = PgPool.builder(dsn("keepalives=0&keepalives_idle=5")).reactor(reactor).maxSize(1).build();
                Pg pg = pool.get()) {
            assertThat(channelOf(pg).config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse();
        }
    }

    @Test
    void nioSocketsCarryWhatTheJdkCanSet() {
        try (Reactor reactor = Reactor.builder().threads(1).transport(Transport.NIO).build();
                PgPool pool = PgPool.builder(dsn("keepalives_idle=11&keepalives_interval=5&keepalives_count=6"))
                        .reactor(reactor).maxSize(1).build();
                Pg pg = pool.get()) {
            Channel ch = channelOf(pg);
            assertThat(ch.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
            assertThat(ch.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE))).isEqualTo(11);
            assertThat(ch.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL))).isEqualTo(5);
            assertThat(ch.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT))).isEqualTo(6);
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void theDsnKeysParseInBothForms() {
        assertThat(DsnParser.parse("postgres://u@h/d", Map.of()).keepalives()).isEqualTo(TcpKeepalives.DEFAULT);
        assertThat(DsnParser.parse("host=h keepalives=1 keepalives_idle=30 keepalives_interval=10 keepalives_count=3"
                + " tcp_user_timeout=20000", Map.of()).keepalives()).isEqualTo(new TcpKeepalives(true, 30, 10, 3, 20_000));
        assertThat(DsnParser.parse("postgres://u@h/d?keepalives=0", Map.of()).keepalives().enabled()).isFalse();
    }

    @Test
    void badValuesAreRefusedAtParseTimeNamingTheKeyNotThePassword() {
        String secret = "Pa55-w0rd-never-shown";
        Map<String, String> cases = Map.of(
                "keepalives_idle=-1", "keepalives_idle -1 is out of range",
                "keepalives_idle=40000", "keepalives_idle 40000 is out of range (0 to 32767)",
                "keepalives_interval=soon", "keepalives_interval 'soon' is not an integer",
                "keepalives_count=200", "keepalives_count 200 is out of range (0 to 127)",
                "tcp_user_timeout=-5", "tcp_user_timeout -5 is out of range",
                "keepalives=yes", "keepalives 'yes' is not an integer");
        cases.forEach((param, message) -> {
            assertThatThrownBy(() -> DsnParser.parse("postgres://u:" + secret + "@h/d?" + param, Map.of()))
                    .isInstanceOf(PgException.class).hasMessageContaining(message).hasMessageNotContaining(secret);
            assertThatThrownBy(() -> DsnParser.parse("host=h password=" + secret + " " + param, Map.of()))
                    .isInstanceOf(PgException.class).hasMessageContaining(message).hasMessageNotContaining(secret);
        });
    }
}
