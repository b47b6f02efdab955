package io.fasterapi.bench.events;

import io.fasterapi.bench.report.MachineFacts;
import io.fasterapi.pg.BrokerSubscription;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgBroker;
import io.fasterapi.pg.PgPool;
import io.fasterapi.web.App;
import io.fasterapi.web.PgEventStreams;
import io.fasterapi.web.Server;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fan-out of one {@link PgBroker} channel to many subscribers: how many messages a second reach
 * every one of them. Three loads, interleaved over rounds: publishing alone (no subscriber: the
 * publish side's own pace, one commit a message on the channel's counter row), 1,000 in-process
 * subscribers (callbacks), and 1,000 Server-Sent Events clients on loopback sockets. Each round
 * publishes {@code messages} with {@code inflight} publishes in flight and times from the first
 * publish to the last delivery; CPU is this process's (the SSE clients' reading threads included),
 * PostgreSQL's is not counted.
 *
 * <p>{@code scripts/bench.sh events}; system properties {@code fasterapi.bench.subscribers} (1000),
 * {@code fasterapi.bench.messages} (2000), {@code fasterapi.bench.rounds} (3),
 * {@code fasterapi.bench.inflight} (32), {@code fasterapi.bench.synchronousCommit} (true: the
 * broker's {@code synchronousCommit}). Not a test.
 */
public final class BrokerFanOutBenchmark {
    private static final int SUBSCRIBERS = Integer.getInteger("fasterapi.bench.subscribers", 1000);
    private static final int MESSAGES = Integer.getInteger("fasterapi.bench.messages", 2000);
    private static final int ROUNDS = Integer.getInteger("fasterapi.bench.rounds", 3);
    private static final int INFLIGHT = Integer.getInteger("fasterapi.bench.inflight", 32);
    private static final boolean SYNCHRONOUS_COMMIT =
            Boolean.parseBoolean(System.getProperty("fasterapi.bench.synchronousCommit", "true"));

    private BrokerFanOutBenchmark() {
    }

    record Result(String load, double seconds, double cpuSeconds, long deliveries, long dropped) {
        double messagesPerSecond() {
            return MESSAGES / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        String dsn = System.getenv().getOrDefault("FASTERAPI_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
        String schema = "bench_broker_" + ProcessHandle.current().pid();
        try (PgPool pool = PgPool.builder(dsn).maxSize(8).build()) {
            try (PgBroker broker = PgBroker.builder(pool).schema(schema).bufferSize(MESSAGES + 16)
                    .synchronousCommit(SYNCHRONOUS_COMMIT).build();
                    Server server = App.create().reactor(pool.reactor())
                            .get("/events", req -> PgEventStreams.sse(broker, "fanout"))
                            .start(0)) {
                List<List<Result>> all = new ArrayList<>();
                runRound(broker, server.port(), true); // warm-up
                for (int round = 0; round < ROUNDS; round++) {
                    all.add(runRound(broker, server.port(), false));
                }
                print(all);
            } finally {
                try (Pg pg = pool.get()) {
                    pg.exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE").close();
                }
            }
        }
    }

    private static List<Result> runRound(PgBroker broker, int port, boolean warmUp) throws Exception {
        List<Result> results = new ArrayList<>();
        results.add(publishOnly(broker));
        results.add(inProcess(broker));
        results.add(sse(broker, port));
        if (warmUp) {
            System.out.println("warm-up done: " + results);
        }
        return results;
    }

    /** One timed publishing of the round's messages: wall and process CPU seconds, and whether every subscriber got them. */
    private record Timing(double seconds, double cpu, boolean all) {
    }

    /** Publishes the round's messages, then waits for {@code done} (null: nobody to wait for). */
    private static Timing timed(PgBroker broker, CountDownLatch done) throws Exception {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        publish(broker);
        boolean all = done == null || done.await(120, TimeUnit.SECONDS);
        return new Timing((System.nanoTime() - t0) / 1e9, (cpuNanos() - cpu0) / 1e9, all);
    }

    private static Result publishOnly(PgBroker broker) throws Exception {
        Timing t = timed(broker, null);
        return new Result("publish only (no subscriber)", t.seconds(), t.cpu(), 0, 0);
    }

    private static Result inProcess(PgBroker broker) throws Exception {
        CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
        AtomicLong deliveries = new AtomicLong();
        List<BrokerSubscription> subs = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            long[] count = new long[1];
            subs.add(broker.subscribe("fanout", m -> {
                if (++count[0] == MESSAGES) {
                    done.countDown();
                }
                deliveries.incrementAndGet();
            }));
        }
        Timing t = timed(broker, done);
        long dropped = subs.stream().mapToLong(BrokerSubscription::dropped).sum();
        subs.forEach(BrokerSubscription::close);
        if (!t.all()) {
            throw new IllegalStateException("in-process subscribers did not receive everything: " + deliveries.get());
        }
        return new Result(SUBSCRIBERS + " in-process subscribers", t.seconds(), t.cpu(), deliveries.get(), dropped);
    }

    private static Result sse(PgBroker broker, int port) throws Exception {
        CountDownLatch connected = new CountDownLatch(SUBSCRIBERS);
        CountDownLatch done = new CountDownLatch(SUBSCRIBERS);
        AtomicLong deliveries = new AtomicLong();
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Socket s = new Socket("127.0.0.1", port);
            sockets.add(s);
            Thread.startVirtualThread(() -> readEvents(s, connected, done, deliveries));
        }
        connected.await(60, TimeUnit.SECONDS);
        while (!broker.isListening("fanout")) {
            Thread.sleep(1);
        }
        Thread.sleep(500); // every stream's subscription joined the channel
        Timing t = timed(broker, done);
        for (Socket s : sockets) {
            s.close();
        }
        if (!t.all()) {
            throw new IllegalStateException("SSE clients did not receive everything: " + deliveries.get());
        }
        return new Result(SUBSCRIBERS + " SSE clients (loopback)", t.seconds(), t.cpu(), deliveries.get(), 0);
    }

    private static void readEvents(Socket s, CountDownLatch connected, CountDownLatch done, AtomicLong deliveries) {
        try {
            OutputStream out = s.getOutputStream();
            out.write("GET /events HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            boolean head = true;
            int events = 0;
            for (String line; (line = in.readLine()) != null; ) {
                if (head && line.isEmpty()) {
                    head = false;
                    connected.countDown();
                } else if (line.startsWith("data: ")) {
                    deliveries.incrementAndGet();
                    if (++events == MESSAGES) {
                        done.countDown();
                    }
                }
            }
        } catch (Exception e) {
            // closed at the end of the round
        }
    }

    /** Publishes the round's messages, {@code INFLIGHT} at a time. */
    private static void publish(PgBroker broker) throws InterruptedException {
        Semaphore window = new Semaphore(INFLIGHT);
        CountDownLatch published = new CountDownLatch(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            window.acquire();
            broker.publishAsync("fanout", "{\"n\":" + i + ",\"text\":\"a message of some ordinary size\"}")
                    .onComplete((seq, err) -> {
                        if (err != null) {
                            err.printStackTrace();
                        }
                        window.release();
                        published.countDown();
                    });
        }
        published.await();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void print(List<List<Result>> rounds) {
        System.out.println();
        System.out.printf("%s; load average %s; synchronousCommit %s; %d messages a round, %d publishes in flight,"
                + " %d rounds (median shown, spread = (max-min)/median)%n",
                MachineFacts.describe(), MachineFacts.loadAverage(), SYNCHRONOUS_COMMIT, MESSAGES, INFLIGHT, rounds.size());
        System.out.println();
        System.out.println("| load | messages/s to every subscriber | deliveries/s | client CPU µs per delivery | round spread | dropped |");
        System.out.println("|---|---|---|---|---|---|");
        for (int load = 0; load < rounds.get(0).size(); load++) {
            List<Result> rs = new ArrayList<>();
            for (List<Result> r : rounds) {
                rs.add(r.get(load));
            }
            rs.sort((x, y) -> Double.compare(x.messagesPerSecond(), y.messagesPerSecond()));
            Result median = rs.get(rs.size() / 2);
            double spread = (rs.get(rs.size() - 1).messagesPerSecond() - rs.get(0).messagesPerSecond())
                    / median.messagesPerSecond();
            String perDelivery = median.deliveries() == 0 ? "" : String.format("%.2f", median.cpuSeconds() * 1e6 / median.deliveries());
            System.out.printf("| %s | %,.0f | %s | %s | %.0f%% | %d |%n", median.load(), median.messagesPerSecond(),
                    median.deliveries() == 0 ? "" : String.format("%,.0f", median.deliveries() / median.seconds()),
                    perDelivery, spread * 100, median.dropped());
        }
    }
}
