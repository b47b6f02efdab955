package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A pool's client TLS context, built once, when a connection first needs it.
 *
 * <p>Building one (setting up the JDK's TLS provider, loading its trust store) costs tens to hundreds of
 * milliseconds of CPU, so it is built only for a server that takes TLS: with the default
 * {@code sslmode=prefer} and a server that answers the SSLRequest with 'N' (a local development server,
 * a TechEmpower run) it is never built, and the pool's first connection does not wait for it. The build
 * runs on a platform thread of its own, never on an event loop (loading the TLS classes would stall the
 * loop; on a virtual thread, class loading pins its carrier); the login that asked waits for it off the
 * loop. With certificate files to read ({@code sslrootcert}, {@code sslcert}) it is built at once, on the
 * thread that builds the pool, so that a bad file fails the build, naming it. Thread-safe.
 */
final class ClientTlsContext {
    private final ConnectionConfig config;
    private final AtomicReference<CompletableFuture<SslContext>> built = new AtomicReference<>();

    private ClientTlsContext(ConnectionConfig config) {
        this.config = config;
    }

    /**
     * The context of {@code config}: built now when it reads the user's files (a bad one throws here),
     * else on first use.
     *
     * @throws io.fasterapi.pg.PgConnectionException when a certificate or key file cannot be used
     */
    static ClientTlsContext of(ConnectionConfig config) {
        ClientTlsContext c = new ClientTlsContext(config);
        if (config.sslRootCert() != null || config.clientCertificate() != null) {
            c.built.set(CompletableFuture.completedFuture(TlsContexts.forConfig(config)));
        }
        return c;
    }

    /**
     * The context, complete once built; the first call starts the build on a thread of its own. The
     * future completes on that thread: a caller on an event loop hops back to its loop. Any thread.
     */
    CompletableFuture<SslContext> get() {
        CompletableFuture<SslContext> f = built.get();
        if (f != null) {
            return f;
        }
        CompletableFuture<SslContext> mine = new CompletableFuture<>();
        if (!built.compareAndSet(null, mine)) {
            return built.get();
        }
        // A platform thread: loading the JDK's TLS classes pins a virtual thread (class loading holds monitors).
        Thread.ofPlatform().daemon().name("pg-tls-setup").start(() -> {
            try {
                mine.complete(TlsContexts.forConfig(config));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
            }
        });
        return mine;
    }

    /** Whether the context was built or is being built: a login asked for it, or it reads files. */
    boolean requested() {
        return built.get() != null;
    }

    /** The built context of a completed {@link #get()}, or its failure as a {@link PgConnectionException}. */
    static SslContext join(CompletableFuture<SslContext> done) {
        try {
            return done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new PgConnectionException("cannot set up TLS: " + e.getCause(), e.getCause());
        }
    }
}
