package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void stopFinishesInFlightRequestsThenRunsShutdownHooks() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch entered = new CountDownLatch(1);
        App app = App.create().onStartup(() -> events.add("startup")).onShutdown(() -> events.add("shutdown"));
        app.get("/slow", req -> {
            entered.countDown();
            Thread.sleep(300);
            events.add("handled");
            return "done";
        });
        Server server = app.options(ServerOptions.builder().host("127.0.0.1").build()).start(0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        server.stop(Duration.ofSeconds(5));
        HttpResponse<String> r = inFlight.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("done");
        assertThat(events).containsExactly("startup", "handled", "shutdown");
        http.close();
    }

    @Test
    void badSignatureFailsAtStartNotAtRequest() {
        record A(int a) {
        }
        record B(int b) {
        }
        class TwoBodies {
            @Post("/x")
            public void x(A a, B b) {
            }
        }
        App app = App.create().include(new TwoBodies());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.start(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("POST /x");
    }
}
