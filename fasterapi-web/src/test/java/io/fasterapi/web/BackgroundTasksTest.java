package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import io.fasterapi.core.Shard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CountDownLatch responseSeen = new CountDownLatch(1);
    private final CountDownLatch tasksDone = new CountDownLatch(1);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    public final class Routes {
        @Post("/orders")
        public Map<String, String> place(BackgroundTasks tasks) {
            tasks.add(() -> events.add("response seen before the task: "
                    + responseSeen.await(5, TimeUnit.SECONDS)));
            tasks.add(() -> {
                events.add("second");
                tasksDone.countDown();
            });
            return Map.of("status", "placed");
        }

        @Post("/refused")
        public String refused(BackgroundTasks tasks) {
            tasks.add(() -> events.add("must not run"));
            throw new HttpException(409, "Already placed");
        }

        @Post("/failing-task")
        public String failingTask(BackgroundTasks tasks) {
            tasks.add(() -> {
                throw new IllegalStateException("mail server down");
            });
            tasks.add(() -> {
                events.add("after the failed one");
                tasksDone.countDown();
            });
            return "ok";
        }

        @Post("/async")
        public Future<String> async(BackgroundTasks tasks) {
            tasks.add(() -> {
                events.add("virtual " + Thread.currentThread().isVirtual() + ", loop " + Shard.onEventLoop());
                tasksDone.countDown();
            });
            return Future.ready("ok");
        }

        @Post("/many")
        public String many(BackgroundTasks tasks) {
            for (int i = 0; i < 3; i++) {
                tasks.add(() -> events.add("must not run"));
            }
            return "unreachable";
        }

        @Post("/slow-task")
        public String slowTask(BackgroundTasks tasks) {
            tasks.add(() -> {
                Thread.sleep(300);
                events.add("slow task done");
            });
            return "ok";
        }
    }

    private App app() {
        return App.create().metrics(registry).include(new Routes());
    }

    private double count(String outcome) {
        return registry.get("fasterapi.background.tasks").tag("outcome", outcome).functionCounter().count();
    }

    /**
     * The count once the runner has caught up: the last task opens {@code tasksDone} from inside its
     * body, and the runner counts it (and releases its slot) just after, on its own thread.
     */
    private double countSettled(String outcome, double expected) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count(outcome) != expected && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        return count(outcome);
    }

    @Test
    void tasksRunInOrderOnlyAfterTheResponseIsWritten() throws Exception {
        try (TestClient client = TestClient.of(app())) {
            TestResponse r = client.post("/orders", Map.of());
            responseSeen.countDown();

            assertThat(r.status()).isEqualTo(200);
            assertThat(tasksDone.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events).containsExactly("response seen before the task: true", "second");
            assertThat(countSettled("completed", 2)).isEqualTo(2);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (registry.get("fasterapi.background.tasks.pending").gauge().value() != 0 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertThat(registry.get("fasterapi.background.tasks.pending").gauge().value()).isZero();
        }
    }

    @Test
    void noTaskRunsWhenTheHandlerFailed() throws Exception {
        try (TestClient client = TestClient.of(app())) {
            TestResponse r = client.post("/refused", Map.of());

            assertThat(r.status()).isEqualTo(409);
            Thread.sleep(100); // a wrongly scheduled task would have run by now
            assertThat(events).isEmpty();
            assertThat(count("discarded")).isEqualTo(1);
            assertThat(registry.get("fasterapi.background.tasks.pending").gauge().value()).isZero();
        }
    }

    @Test
    void aFailingTaskIsCountedAndTheNextStillRuns() throws Exception {
        try (TestClient client = TestClient.of(app())) {
            assertThat(client.post("/failing-task", Map.of()).status()).isEqualTo(200);

            assertThat(tasksDone.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events).containsExactly("after the failed one");
            assertThat(countSettled("failed", 1)).isEqualTo(1);
            assertThat(countSettled("completed", 1)).isEqualTo(1);
        }
    }

    @Test
    void anAsyncHandlersTasksRunOnAVirtualThreadNotTheLoop() throws Exception {
        try (TestClient client = TestClient.of(app())) {
            assertThat(client.post("/async", Map.of()).status()).isEqualTo(200);

            assertThat(tasksDone.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(events).containsExactly("virtual true, loop false");
        }
    }

    @Test
    void addingPastTheCoresLimitAnswers503AndDiscardsWhatTheRequestAdded() {
        App app = app();
        try (TestClient client = TestClient.of(app, ServerOptions.builder().maxPendingBackgroundTasks(2))) {
            TestResponse r = client.post("/many", Map.of());

            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json(Map.class)).isEqualTo(Map.of("detail", "Too many background tasks pending"));
            assertThat(events).isEmpty();
            assertThat(count("rejected")).isEqualTo(1);
            assertThat(count("discarded")).isEqualTo(2);
            assertThat(registry.get("fasterapi.background.tasks.pending").gauge().value()).isZero();
        }
    }

    @Test
    void aGracefulStopWaitsForPendingTasksBeforeTheShutdownHooks() throws Exception {
        App app = app().onShutdown(() -> events.add("shutdown hook"));
        Server server = app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/slow-task"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        } finally {
            server.stop(Duration.ofSeconds(5));
        }

        assertThat(events).containsExactly("slow task done", "shutdown hook");
    }

    @Test
    void aStopDeadlineBoundsTheWaitForTasks() throws Exception {
        AtomicBoolean release = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        App app = App.create();
        app.post("/stuck", req -> {
            req.dependency(BackgroundTasks.class).add(() -> {
                started.countDown();
                while (!release.get()) {
                    Thread.sleep(10);
                }
            });
            return "ok";
        });
        Server server = app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/stuck"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            server.stop(Duration.ofMillis(300));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        } finally {
            release.set(true);
        }
    }
}
