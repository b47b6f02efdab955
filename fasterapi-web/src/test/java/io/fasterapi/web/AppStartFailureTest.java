package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.web.internal.server.StartupFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link App#start} leaves nothing running when it fails, so the exception reaches {@code main} and the
 * JVM can end; {@link App#run} turns the failure into one line ({@link StartupFailure}; the exit itself
 * is tested on the example app in a child JVM, basic-app's {@code StartupFailureTest}).
 */
class AppStartFailureTest {

    @Test
    void aPortInUseFailsStartRunsTheShutdownHooksAndStopsTheLoopsItCreated() throws IOException, InterruptedException {
        java.util.Set<Thread> before = loopThreads();
        AtomicInteger startups = new AtomicInteger();
        AtomicInteger shutdowns = new AtomicInteger();
        App app = App.create().onStartup(startups::incrementAndGet).onShutdown(shutdowns::incrementAndGet);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> app.start(taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot listen on http://127.0.0.1:" + taken.getLocalPort() + ": ")
                    .hasMessageContaining("in use");
        }
        assertThat(startups).hasValue(1);
        assertThat(shutdowns).as("uvicorn runs the lifespan's shutdown after a failed bind").hasValue(1);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!before.containsAll(loopThreads()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(loopThreads()).as("the app's own event loops and acceptor stopped").isSubsetOf(before);
    }

    @Test
    void aFailingStartupHookFailsStartBeforeAnythingListensAndSkipsTheShutdownHooks() {
        AtomicInteger shutdowns = new AtomicInteger();
        // other tests' servers may still be warming up: only this start's warm-up must have ended
        java.util.Set<Thread> warmUpsBefore = warmUpThreads();
        App app = App.create().onStartup(() -> {
            throw new IllegalStateException("database unreachable");
        }).onShutdown(shutdowns::incrementAndGet);
        assertThatThrownBy(() -> app.start(0)).hasMessage("database unreachable");
        assertThat(shutdowns).as("as Starlette: no shutdown for a startup that failed").hasValue(0);
        assertThat(warmUpThreads()).as("the warm-up that ran beside the hooks has ended").isSubsetOf(warmUpsBefore);
    }

    @Test
    void theOneLineJoinsTheCausesDropsRepeatsAndMasksPasswords() {
        Exception root = new java.net.ConnectException("Connection refused");
        Exception mid = new RuntimeException("cannot connect to db:5432", root);
        Exception top = new IllegalStateException("startup hook failed for postgres://app:hunter2@db/shop\n  retry later", mid);
        assertThat(StartupFailure.describe(top)).isEqualTo(
                "startup hook failed for postgres://app:***@db/shop retry later: cannot connect to db:5432: Connection refused");
        Exception wrapped = new RuntimeException(new IllegalArgumentException("bad port"));
        assertThat(StartupFailure.describe(wrapped)).as("a cause's message already in the wrapper's")
                .isEqualTo("java.lang.IllegalArgumentException: bad port");
        assertThat(StartupFailure.describe(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(StartupFailure.describe(new RuntimeException("password=s3cret rejected"))).doesNotContain("s3cret");
    }

    private static java.util.Set<Thread> warmUpThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("fasterapi-warmup"))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static java.util.Set<Thread> loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("fasterapi-http-") || t.getName().equals("fasterapi-acceptor"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
