package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.model.RouteModel;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import tools.jackson.databind.JavaType;

/**
 * Builds Jackson's serializers and deserializers for every route's types when the server starts,
 * before it listens. Otherwise the first concurrent requests would load those classes on
 * virtual threads, where contended class loading pins carriers, and pay for it in latency.
 * {@link #startInBackground} does it on a platform thread of its own while the app's startup hooks
 * run (which mostly wait on I/O, such as a database check), so the start does not wait for both
 * one after the other.
 */
public final class JsonWarmup {
    private JsonWarmup() {
    }

    /** A warm-up running on its own thread. */
    public static final class Running {
        private final FutureTask<Void> task;
        private final Thread thread;

        private Running(FutureTask<Void> task, Thread thread) {
            this.task = task;
            this.thread = thread;
        }

        /** Waits for the warm-up's thread to end; the warm-up's failure, if any, is thrown here. */
        public void await() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        thread.join();
                        task.get();
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true; // the warm-up is short: finish waiting, then restore the flag
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException r) {
                            throw r;
                        }
                        if (e.getCause() instanceof Error err) {
                            throw err;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Starts {@link #prepare} on a platform thread of its own (not a virtual one: class loading would pin it). */
    public static Running startInBackground(List<RouteModel> routes) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            prepare(routes);
            return null;
        });
        return new Running(task, Thread.ofPlatform().daemon().name("fasterapi-json-warmup").start(task));
    }

    /** Prepares the JSON codecs of {@code routes} and of the framework's own error bodies. */
    public static void prepare(List<RouteModel> routes) {
        var mapper = JsonCodec.mapper();
        mapper.writeValueAsBytes(Map.of("detail", List.of(new ValidationError("missing", List.of("query", "q"),
                "Field required", null, Map.of("ge", 1)))));
        mapper.writeValueAsBytes(Map.of("detail", "Not Found", "list", List.of(1, 2L, 1.5, true, "x")));
        mapper.readTree("{\"a\":[1,2.5,\"x\",true,null,{}]}");
        // Big numbers go through Jackson's fast parsers, whose classes must not be first initialised by
        // racing virtual threads (they pin; BindingFuzzTest found it).
        mapper.readTree("[" + "9".repeat(40) + "," + "9".repeat(900) + ",1e400,1.5e-300,"
                + "1".repeat(400) + ".5]").get(1).bigIntegerValue();
        for (RouteModel r : routes) {
            Type result = resultType(r.returnType());
            if (result != Object.class && result != void.class && result != String.class && result != byte[].class) {
                try {
                    mapper.writerFor(mapper.constructType(result));
                } catch (RuntimeException ignored) {
                    // a type Jackson cannot serialize fails the request that returns it, with a logged 500
                }
            }
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
    }

    private static Type resultType(Type declared) {
        Class<?> raw = JsonBodyChecker.rawClass(declared);
        if (io.fasterapi.core.Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)) {
            return JsonBodyChecker.typeArgument(declared, 0);
        }
        return declared;
    }
}
