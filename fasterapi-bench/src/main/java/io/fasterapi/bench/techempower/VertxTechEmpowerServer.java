package io.fasterapi.bench.techempower;

import io.fasterapi.examples.techempower.TechEmpowerApp;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The peer of examples/techempower in Vert.x 5, written the way Vert.x's own TechEmpower entry is:
 * vertx-web routes, vertx-pg-client with pipelining and the prepared-statement cache on, one verticle
 * (and one pipelined client) per core. The same tables (TechEmpower's {@code world} and
 * {@code fortune}), the same queries and the same rules as ours: n separate queries pipelined on one
 * client, the updated worlds written by one UPDATE of several rows (in id order, as ours).
 */
public final class VertxTechEmpowerServer extends AbstractVerticle {
    private static final Buffer HELLO = Buffer.buffer("Hello, World!");
    private final int port;
    private final String dsn;
    private final int poolSize;
    private SqlClient client;
    private PreparedQuery<RowSet<Row>> selectWorld;
    private PreparedQuery<RowSet<Row>> updateWorlds;
    private PreparedQuery<RowSet<Row>> selectFortunes;
    private String date = now();

    private VertxTechEmpowerServer(int port, String dsn, int poolSize) {
        this.port = port;
        this.dsn = dsn;
        this.poolSize = poolSize;
    }

    @Override
    public void start() {
        PgConnectOptions connect = PgConnectOptions.fromUri(dsn).setCachePreparedStatements(true).setPipeliningLimit(256);
        client = PgBuilder.client().with(new PoolOptions().setMaxSize(poolSize)).connectingTo(connect).using(vertx).build();
        selectWorld = client.preparedQuery("SELECT id, randomnumber FROM world WHERE id = $1");
        updateWorlds = client.preparedQuery("UPDATE world AS w SET randomnumber = u.r"
                + " FROM unnest($1::int4[], $2::int4[]) AS u(id, r) WHERE w.id = u.id");
        selectFortunes = client.preparedQuery("SELECT id, message FROM fortune");
        vertx.setPeriodic(1000, t -> date = now());

        Router router = Router.router(vertx);
        router.get("/plaintext").handler(ctx -> headers(ctx, "text/plain").end(HELLO));
        router.get("/json").handler(ctx -> headers(ctx, "application/json")
                .end(new JsonObject().put("message", "Hello, World!").toBuffer()));
        router.get("/db").handler(ctx -> randomWorld().onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                headers(ctx, "application/json").end(ar.result().toBuffer());
            }
        }));
        router.get("/queries").handler(ctx -> randomWorlds(queries(ctx)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                headers(ctx, "application/json").end(new JsonArray(ar.result()).toBuffer());
            }
        }));
        router.get("/fortunes").handler(this::fortunes);
        router.get("/updates").handler(ctx -> randomWorlds(queries(ctx)).compose(worlds -> {
            Map<Integer, Integer> newNumbers = new TreeMap<>();
            for (JsonObject w : worlds) {
                newNumbers.put(w.getInteger("id"), randomId());
            }
            List<JsonObject> updated = new ArrayList<>(worlds.size());
            for (JsonObject w : worlds) {
                updated.add(new JsonObject().put("id", w.getInteger("id")).put("randomNumber", newNumbers.get(w.getInteger("id"))));
            }
            Tuple args = Tuple.tuple().addArrayOfInteger(newNumbers.keySet().toArray(new Integer[0]))
                    .addArrayOfInteger(newNumbers.values().toArray(new Integer[0]));
            return updateWorlds.execute(args).map(done -> updated);
        }).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                headers(ctx, "application/json").end(new JsonArray(ar.result()).toBuffer());
            }
        }));
        vertx.createHttpServer().requestHandler(router).listen(port);
    }

    private HttpServerResponse headers(RoutingContext ctx, String contentType) {
        return ctx.response().putHeader("Server", "Vert.x").putHeader("Date", date).putHeader("Content-Type", contentType);
    }

    private Future<JsonObject> randomWorld() {
        return selectWorld.execute(Tuple.of(randomId())).map(rows -> {
            Row row = rows.iterator().next();
            return new JsonObject().put("id", row.getInteger(0)).put("randomNumber", row.getInteger(1));
        });
    }

    private Future<List<JsonObject>> randomWorlds(int n) {
        List<Future<JsonObject>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fs.add(randomWorld());
        }
        return Future.all(fs).map(c -> c.<JsonObject>list());
    }

    private void fortunes(RoutingContext ctx) {
        selectFortunes.execute().onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            List<String[]> fortunes = new ArrayList<>();
            for (Row row : ar.result()) {
                fortunes.add(new String[] {Integer.toString(row.getInteger(0)), row.getString(1)});
            }
            fortunes.add(new String[] {"0", "Additional fortune added at request time."});
            fortunes.sort(Comparator.comparing(f -> f[1]));
            StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
                    + "<tr><th>id</th><th>message</th></tr>");
            for (String[] f : fortunes) {
                sb.append("<tr><td>").append(f[0]).append("</td><td>");
                escape(f[1], sb);
                sb.append("</td></tr>");
            }
            sb.append("</table></body></html>");
            headers(ctx, "text/html; charset=utf-8").end(sb.toString());
        });
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
    }

    private static int queries(RoutingContext ctx) {
        String raw = ctx.request().getParam("queries");
        if (raw == null) {
            return 1;
        }
        try {
            return Math.min(500, Math.max(1, Integer.parseInt(raw.trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static int randomId() {
        return 1 + ThreadLocalRandom.current().nextInt(10_000);
    }

    private static String now() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /**
     * {@code port}; PostgreSQL from $FASTERAPI_PG_URL, else TechEmpower's database as our app does;
     * $POOL_SIZE connections per verticle (default 8).
     */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String dsn = System.getenv().getOrDefault("FASTERAPI_PG_URL", TechEmpowerApp.TECHEMPOWER_DSN);
        int poolSize = Integer.parseInt(System.getenv().getOrDefault("POOL_SIZE", "8"));
        int cores = Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(cores));
        vertx.deployVerticle(() -> new VertxTechEmpowerServer(port, dsn, poolSize), new DeploymentOptions().setInstances(cores))
                .await();
    }
}
