package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class ReactorTest {

    @Test
    void defaultsToOneShardPerCoreOnEpoll() {
        try (Reactor r = Reactor.create()) {
            assertThat(r.size()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(r.transport()).isEqualTo(Transport.EPOLL);
        }
    }

    @Test
    void nioTransportCanBeForced() {
        try (Reactor r = Reactor.builder().threads(1).transport(Transport.NIO).build()) {
            assertThat(r.transport()).isEqualTo(Transport.NIO);
            assertThat(r.shard(0).submit(() -> 42).await(Duration.ofSeconds(5))).isEqualTo(42);
        }
    }

    @Test
    void channelFactoriesMakeTheTransportsChannels() {
        for (Transport transport : Transport.values()) {
            try (Reactor r = Reactor.builder().threads(1).transport(transport).build()) {
                var client = r.socketChannelFactory().newChannel();
                var another = r.socketChannelFactory().newChannel();
                var server = r.serverChannelFactory().newChannel();
                try {
                    assertThat(client).as(transport + " client").isExactlyInstanceOf(r.socketChannelClass());
                    assertThat(server).as(transport + " server").isExactlyInstanceOf(r.serverChannelClass());
                    assertThat(another).isNotSameAs(client);
                } finally {
                    client.unsafe().closeForcibly();
                    another.unsafe().closeForcibly();
                    server.unsafe().closeForcibly();
                }
            }
        }
    }

    @Test
    void eachShardRunsTasksOnItsOwnThreadAndKnowsItself() {
        try (Reactor r = Reactor.builder().threads(3).build()) {
            Set<String> threads = new HashSet<>();
            for (Shard s : r.shards()) {
                assertThat(s.submit(() -> Shard.current()).await()).isSameAs(s);
                assertThat(s.submit(s::inLoop).await()).isTrue();
                threads.add(s.submit(() -> Thread.currentThread().getName()).await());
            }
            assertThat(threads).hasSize(3);
            assertThat(Shard.current()).isNull();
            assertThat(r.shard(0).inLoop()).isFalse();
        }
    }

    @Test
    void submitPropagatesTaskExceptions() {
        try (Reactor r = Reactor.builder().threads(1).build()) {
            Future<Object> f = r.shard(0).submit(() -> {
                throw new java.io.IOException("task failed");
            });
            assertThatThrownBy(f::await).hasRootCauseMessage("task failed");
        }
    }

    @Test
    void virtualThreadStartedByShardHasItsAffinity() throws Exception {
        try (Reactor r = Reactor.builder().threads(2).build()) {
            Shard s = r.shard(1);
            Shard[] seen = new Shard[2];
            Thread t = s.startVirtualThread(() -> {
                seen[0] = Shard.affine();
                seen[1] = r.next();
            });
            t.join();
            assertThat(seen[0]).isSameAs(s);
            assertThat(seen[1]).isSameAs(s);
            assertThat(Shard.affine()).isNull();
        }
    }

    @Test
    void runWithAffinityGivesTheCallingThreadTheShardThenTakesItBack() {
        try (Reactor r = Reactor.builder().threads(2).build()) {
            Shard outer = r.shard(0);
            Shard inner = r.shard(1);
            Shard[] seen = new Shard[4];
            outer.runWithAffinity(() -> {
                seen[0] = Shard.affine();
                seen[1] = r.next();
                inner.runWithAffinity(() -> seen[2] = Shard.affine());
                seen[3] = Shard.affine();
            });
            assertThat(seen).containsExactly(outer, outer, inner, outer);
            assertThat(Shard.affine()).isNull();
            assertThatThrownBy(() -> outer.runWithAffinity(() -> {
                throw new IllegalStateException("task failed");
            })).hasMessage("task failed");
            assertThat(Shard.affine()).as("taken back after a failure too").isNull();
        }
    }

    @Test
    void nextRoundRobinsForCallersWithoutAffinity() {
        try (Reactor r = Reactor.builder().threads(2).build()) {
            Shard a = r.next();
            Shard b = r.next();
            assertThat(a).isNotSameAs(b);
            assertThat(r.next()).isSameAs(a);
        }
    }

    @Test
    void scheduleRunsLaterAndCanBeCancelled() throws Exception {
        try (Reactor r = Reactor.builder().threads(1).build()) {
            Promise<String> ran = new Promise<>((Shard) null);
            r.shard(0).schedule(Duration.ofMillis(10), () -> ran.complete("ran"));
            assertThat(ran.await(Duration.ofSeconds(2))).isEqualTo("ran");
            Promise<String> never = new Promise<>((Shard) null);
            Cancellable c = r.shard(0).schedule(Duration.ofMillis(200), () -> never.complete("oops"));
            assertThat(c.cancel()).isTrue();
            Thread.sleep(300);
            assertThat(never.isDone()).isFalse();
        }
    }

    @Test
    void shutdownRejectsNewWorkAndStopsTheThreads() throws Exception {
        Reactor r = Reactor.builder().threads(2).build();
        Thread loopThread = r.shard(0).submit(Thread::currentThread).await();
        r.shutdown(Duration.ZERO, Duration.ofSeconds(5)).await(Duration.ofSeconds(10));
        assertThat(r.isShuttingDown()).isTrue();
        // The termination future completes as the loop's last task ends; the thread exits just after.
        loopThread.join(5_000);
        assertThat(loopThread.isAlive()).isFalse();
        assertThat(r.shard(0).submit(() -> 1).cause()).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void closeOnEventLoopIsRefused() {
        try (Reactor r = Reactor.builder().threads(1).build()) {
            Future<Throwable> f = r.shard(0).submit(() -> {
                try {
                    r.close();
                    return null;
                } catch (IllegalStateException e) {
                    return e;
                }
            });
            assertThat(f.await()).hasMessageContaining("Reactor.close()");
        }
    }
}
