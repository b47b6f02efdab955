package io.fasterapi.web.internal.app;

import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.json.JsonWarmup;
import io.fasterapi.web.internal.json.ModelWriter;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.RouteModel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The start's warm-up: Jackson's codecs for the routes' types and their response models' writers, whose
 * accessors Blackbird generates ({@link JsonWarmup}), and, for an app that reads
 * JSON bodies, their failing path ({@link BindingCompiler#warmUpBodyFailures}), loaded before the server
 * listens so that no racing virtual threads load them first (which would pin their carriers). It runs on a
 * platform thread of its own while the resources open and the startup hooks run (which mostly wait on I/O,
 * a database check), so the start waits for the longer of the two rather than for both in turn.
 */
final class StartupWarmup {
    private final FutureTask<Void> task;
    private final Thread thread;

    private StartupWarmup(FutureTask<Void> task, Thread thread) {
        this.task = task;
        this.thread = thread;
    }

    /** Starts the warm-up of {@code routes} and their response models' writers on a platform thread (not a virtual one: class loading would pin it). */
    static StartupWarmup start(List<RouteModel> routes, List<ModelWriter> responseModels) {
        boolean readsBodies = routes.stream().flatMap(r -> r.parameters().stream())
                .anyMatch(p -> p.source() == ParamSource.BODY);
        FutureTask<Void> task = new FutureTask<>(() -> {
            JsonWarmup.prepare(routes, responseModels);
            if (readsBodies) {
                BindingCompiler.warmUpBodyFailures();
            }
            return null;
        });
        return new StartupWarmup(task, Thread.ofPlatform().daemon().name("fasterapi-warmup").start(task));
    }

    /** Waits for the warm-up's thread to end; the warm-up's failure, if any, is thrown here. */
    void await() {
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
