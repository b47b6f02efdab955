package io.fasterapi.pg;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * The accept loop of the test proxies: a listener on a free loopback port that hands each accepted
 * connection to {@code serve} on a daemon platform thread of its own, until it is closed. The loop
 * runs on a daemon platform thread; {@code serve} runs on the connection's thread.
 */
final class LoopbackListener implements AutoCloseable {
    private final ServerSocket listener;

    LoopbackListener(Consumer<Socket> serve) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> acceptEach(serve));
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptEach(Consumer<Socket> serve) {
        try {
            for (;;) {
                Socket client = listener.accept();
                Thread.ofPlatform().daemon().start(() -> serve.accept(client));
            }
        } catch (IOException closed) {
            // the listener was closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
