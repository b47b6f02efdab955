package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The server listens on 127.0.0.1 unless told otherwise (uvicorn's default {@code --host}): only
 * this machine can connect. {@code ServerOptions.builder().host("0.0.0.0")} opens it to every
 * interface. Checked by connecting to this machine's own non-loopback address.
 */
class BindAddressTest {

    @Test
    void theDefaultIsLoopbackOnly() throws IOException {
        assertThat(ServerOptions.defaults().host()).isEqualTo("127.0.0.1");
        App app = App.create();
        app.get("/ok", req -> "ok");
        Server server = app.start(0);
        try {
            assertThat(connects(InetAddress.getByName("127.0.0.1"), server.port())).isTrue();
            InetAddress external = nonLoopbackAddress().orElseThrow(
                    () -> new IllegalStateException("this machine has no non-loopback IPv4 address to test with"));
            assertThatThrownBy(() -> connects(external, server.port())).isInstanceOf(ConnectException.class);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void anExplicitWildcardHostListensOnEveryInterface() throws IOException {
        App app = App.create().options(ServerOptions.builder().host("0.0.0.0").build());
        app.get("/ok", req -> "ok");
        Server server = app.start(0);
        try {
            assertThat(connects(InetAddress.getByName("127.0.0.1"), server.port())).isTrue();
            InetAddress external = nonLoopbackAddress().orElseThrow();
            assertThat(connects(external, server.port())).isTrue();
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }

    private static boolean connects(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
            return s.isConnected();
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
    }
}
