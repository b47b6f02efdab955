package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.startup.StartupTask;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * Builds Jackson's serializers and deserializers for every route's types, and the routes' response
 * model writers (route compilation leaves them to this), when the server starts,
 * before it listens. Otherwise the first concurrent requests would load those classes on
 * virtual threads, where contended class loading pins carriers, and pay for it in latency.
 * The start runs it on a platform thread of its own while the app's startup hooks run
 * ({@code StartupWarmup}). An app whose routes declare only plain answers ({@link PlainJson}) and read
 * no body needs no databind: nothing of it is prepared (databind is loaded if a value needs it); else
 * what every app shares (the mapper, the error bodies) is built once per process, on a thread of its own.
 */
public final class JsonWarmup {
    private static final Logger log = LoggerFactory.getLogger(JsonWarmup.class);
    // Jackson's set-up and the framework's own bodies: the same for every app, so built once
    private static StartupTask common; // under JsonWarmup.class
    private static volatile boolean parsingPrepared; // set under JsonWarmup.class

    private JsonWarmup() {
    }

    private static synchronized StartupTask common() {
        if (common == null) {
            common = StartupTask.start("fasterapi-json-warmup", JsonWarmup::prepareCommon);
        }
        return common;
    }

    /**
     * Prepares the writers of {@code responseModels} and, when one of them or a route needs databind, the
     * JSON codecs of {@code routes}, the parser when a route reads a JSON body ({@link #prepareParsing}) and
     * (on a thread of its own, once per process) databind's writers of the framework's own bodies.
     */
    public static void prepare(List<RouteModel> routes, List<ModelWriter> responseModels) {
        boolean databind = false;
        for (ModelWriter model : responseModels) {
            try {
                databind |= model.resolve();
            } catch (RuntimeException ignored) {
                // as below: the request that writes such a value fails with a logged 500
            }
        }
        List<Type> databindResults = new ArrayList<>();
        boolean readsBodies = false;
        for (RouteModel r : routes) {
            // a route with a model writes through its model's writer, resolved above; of the other kinds of
            // answer (a Response, text, bytes, a stream...), only a JSON tree is written by databind
            Type result = ResponseModels.unwrapAsync(r.returnType());
            if (ResponseModels.of(r) == null && ResponseModels.isJsonTree(JsonBodyChecker.rawClass(result))) {
                databindResults.add(result);
            }
            for (ParameterModel p : r.parameters()) {
                readsBodies |= p.source() == ParamSource.BODY;
            }
        }
        if (databind || readsBodies || !databindResults.isEmpty()) {
            prepareDatabind(routes, databindResults, readsBodies);
        } // else every answer the routes declare is plain: databind is loaded only if a value needs it
    }

    private static void prepareDatabind(List<RouteModel> routes, List<Type> results, boolean readsBodies) {
        StartupTask common = common();
        var mapper = JsonCodec.mapper();
        for (Type result : results) {
            try {
                mapper.writerFor(mapper.constructType(result));
            } catch (RuntimeException ignored) {
                // a type Jackson cannot serialize fails the request that returns it, with a logged 500
            }
        }
        for (RouteModel r : routes) {
            for (ParameterModel p : r.parameters()) {
                if (p.source() == ParamSource.BODY) {
                    JavaType t = mapper.constructType(p.type());
                    try {
                        mapper.readerFor(t);
                    } catch (RuntimeException ignored) {
                        // reported per request as a 422 value_error
                    }
                }
            }
        }
        if (readsBodies) {
            prepareParsing();
        }
        common.await();
    }

    private static void prepareCommon() {
        var mapper = JsonCodec.mapper();
        mapper.writeValueAsBytes(Map.of("detail", List.of(new ValidationError("missing", List.of("query", "q"),
                "Field required", null, Map.of("ge", 1)))));
        mapper.writeValueAsBytes(Map.of("detail", "Not Found", "list", List.of(1, 2L, 1.5, true, "x")));
    }

    /** Whether {@link #prepareParsing} has run: JSON can be parsed without initialising a class. */
    public static boolean parsingPrepared() {
        return parsingPrepared;
    }

    /**
     * Parses JSON once, big numbers included, so that the parser's classes are initialised: once per process,
     * then at once. The start's warm-up calls it for an app with a route that reads a JSON body; for another
     * app (a handler may still call {@code request.json(...)}), the event loop calls it before the first
     * request with a body runs on a virtual thread. Not on a virtual thread: the first parser initialises
     * {@link java.math.BigDecimal}, whose tables the JDK computes in parallel on the common pool, and a virtual
     * thread waiting for them inside a class initialiser pins its carrier (BindingFuzzTest found it). An app
     * that never parses JSON skips it: about 20 ms of CPU, 2 MiB of heap and two pool threads.
     */
    public static void prepareParsing() {
        if (parsingPrepared) {
            return;
        }
        synchronized (JsonWarmup.class) {
            if (!parsingPrepared) {
                try {
                    parseOnce();
                } catch (RuntimeException e) {
                    // never the request's failure: its own parse, if any, initialises what is missing
                    log.debug("preparing the JSON parser failed", e);
                } finally {
                    parsingPrepared = true;
                }
            }
        }
    }

    private static void parseOnce() {
        var mapper = JsonCodec.mapper();
        mapper.readTree("{\"a\":[1,2.5,\"x\",true,null,{}]}");
        mapper.readTree("[" + "9".repeat(40) + "," + "9".repeat(900) + ",1e400,1.5e-300,"
                + "1".repeat(400) + ".5]").get(1).bigIntegerValue();
        // as request bodies are read: from bytes, from a buffer's stream, then mapped to values
        byte[] body = "{\"a\":[1,2.5,\"x\",true,null,{\"b\":1e400}]}".getBytes(StandardCharsets.UTF_8);
        JsonNode tree = mapper.readTree(body, 0, body.length);
        mapper.readTree(new ByteBufInputStream(Unpooled.wrappedBuffer(body).duplicate()));
        mapper.treeToValue(tree, Map.class);
        mapper.treeToValue(tree.get("a"), List.class);
    }
}
