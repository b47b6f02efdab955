package io.fasterapi.web;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Run by {@link WithoutOpenTelemetryTest} in a JVM of its own: an app that does not trace, with a pool
 * and the JSON access log, serves a blocking route that queries, a loop route that queries and a
 * failing route, in a JVM whose class path lacks OpenTelemetry ({@code absent}) or where it is present
 * but must never be loaded. Prints the statuses.
 */
public final class NoOpenTelemetryWebMain {
    private NoOpenTelemetryWebMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean absent = args[1].equals("absent");
        // Looked up as a resource, not loaded: the JVM's class-load log must not show it because of this check.
        boolean present = NoOpenTelemetryWebMain.class.getClassLoader()
                .getResource("io/opentelemetry/api/OpenTelemetry.class") != null;
        if (present == absent) {
            System.out.println("OpenTelemetry is " + (present ? "" : "not ") + "on the class path: the check proves nothing");
            System.exit(2);
        }
        try (PgPool pool = PgPool.builder(args[0]).threads(1).maxSize(2).build()) {
            App app = App.create().reactor(pool.reactor()).provide(Pg.class, PgDepends.from(pool))
                    .options(ServerOptions.builder().accessLog(true).accessLogFormat(AccessLogFormat.JSON).build());
            app.get("/one", req -> Map.of("one", pool.execAsync("SELECT 1").await().scalar(Integer.class)));
            app.getAsync("/two", req -> pool.execAsync("SELECT 2").map(r -> Map.of("two", r.scalar(Integer.class))));
            app.get("/boom", req -> {
                throw new IllegalStateException("boom");
            });
            Server server = app.start(0);
            StringBuilder out = new StringBuilder("OK");
            try (HttpClient http = HttpClient.newHttpClient()) {
                for (String path : new String[] {"/one", "/two", "/boom"}) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + path))
                            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").build(),
                            HttpResponse.BodyHandlers.ofString());
                    out.append(' ').append(r.statusCode()).append(' ').append(r.body());
                }
            } finally {
                server.stop(Duration.ofSeconds(5));
            }
            System.out.println(out);
        }
    }
}
