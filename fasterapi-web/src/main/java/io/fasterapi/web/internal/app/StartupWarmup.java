package io.fasterapi.web.internal.app;

import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.json.JsonWarmup;
import io.fasterapi.web.internal.json.ModelWriter;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.startup.StartupTask;
import java.util.List;

/**
 * The start's warm-up: Jackson's codecs for the routes' types and their response models' writers, whose
 * accessors Blackbird generates ({@link JsonWarmup}), and, for an app that reads
 * JSON bodies, their failing path ({@link BindingCompiler#warmUpBodyFailures}), loaded before the server
 * listens so that no racing virtual threads load them first (which would pin their carriers). It runs on a
 * platform thread of its own while the resources open and the startup hooks run (which mostly wait on I/O,
 * a database check), so the start waits for the longer of the two rather than for both in turn.
 */
final class StartupWarmup {
    private final StartupTask task;

    private StartupWarmup(StartupTask task) {
        this.task = task;
    }

    /** Starts the warm-up of {@code routes} and their response models' writers on a platform thread of its own. */
    static StartupWarmup start(List<RouteModel> routes, List<ModelWriter> responseModels) {
        boolean readsBodies = routes.stream().flatMap(r -> r.parameters().stream())
                .anyMatch(p -> p.source() == ParamSource.BODY);
        return new StartupWarmup(StartupTask.start("fasterapi-warmup", () -> {
            JsonWarmup.prepare(routes, responseModels);
            if (readsBodies) {
                BindingCompiler.warmUpBodyFailures();
            }
        }));
    }

    /** Waits for the warm-up to end; its failure, if any, is thrown here. */
    void await() {
        task.await();
    }

    /** As {@link #await}, for a start that failed: the warm-up's own failure is added to {@code failure}. */
    void awaitAfter(Throwable failure) {
        try {
            await();
        } catch (RuntimeException | Error e) {
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }
}
