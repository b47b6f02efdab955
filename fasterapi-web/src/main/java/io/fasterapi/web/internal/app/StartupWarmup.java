package io.fasterapi.web.internal.app;

import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.binding.Invoker;
import io.fasterapi.web.internal.binding.Validators;
import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.json.JsonWarmup;
import io.fasterapi.web.internal.json.ModelWriter;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.request.RequestContext;
import io.fasterapi.web.internal.startup.StartupTask;
import io.fasterapi.web.internal.startup.WarmupGate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start's warm-up: the handler methods' invokers ({@link Invoker#prepare}), the Jakarta validator for an
 * app that reads bodies or takes a {@code Validator} ({@link Validators}; validated parameters had the routes'
 * compilation build it, checking that their constraints apply), Jackson's codecs for the
 * routes' types and their response models' writers, whose accessors Blackbird generates ({@link JsonWarmup}),
 * and, for an app that reads JSON bodies, their failing path ({@link BindingCompiler#warmUpBodyFailures}),
 * the parsers of dates, times and UUIDs ({@link ScalarConverters#warmUp}) and of queries and cookies,
 * loaded so that no racing virtual threads load them first (which would pin their carriers). It runs on a
 * platform thread of its own from the moment the routes are compiled, beside the resources opening, the
 * startup hooks and the server's start, and is not waited for: the server listens without it, and blocking handlers run meanwhile on a few
 * platform threads, or wait for it on their virtual threads ({@link WarmupGate}). A warm-up that fails is logged; what it would have built is then built on first use.
 */
final class StartupWarmup {
    private static final Logger log = LoggerFactory.getLogger(StartupWarmup.class);

    private final StartupTask task;

    private StartupWarmup(StartupTask task) {
        this.task = task;
    }

    /** Starts the warm-up of {@code routes} and their response models' writers on a platform thread of its own. */
    static StartupWarmup start(List<RouteModel> routes, List<ModelWriter> responseModels, List<Invoker> invokers) {
        boolean readsBodies = routes.stream().flatMap(r -> r.parameters().stream())
                .anyMatch(p -> p.source() == ParamSource.BODY);
        return new StartupWarmup(StartupTask.start("fasterapi-warmup", () -> {
            try {
                for (Invoker invoker : invokers) {
                    invoker.prepare();
                }
                JsonWarmup.prepare(routes, responseModels);
                if (readsBodies || Validators.isWanted()) {
                    Validators.validator(); // Hibernate Validator: the routes' compilation left it for here
                }
                ScalarConverters.warmUp();
                RequestContext.warmUpDecoders();
                if (readsBodies) {
                    BindingCompiler.warmUpBodyFailures();
                }
            } catch (RuntimeException | LinkageError e) {
                log.warn("the start's warm-up failed; what it builds is built on first use instead: {}", e.toString());
                log.debug("warm-up failure", e);
            }
        }));
    }

    /** Where the running server's blocking handlers run: on virtual threads once the warm-up has ended. */
    WarmupGate gate() {
        return WarmupGate.after(task);
    }

    /** Waits for the warm-up to end: a start that failed leaves no thread of its own behind. */
    void awaitEnd() {
        task.awaitEnd();
    }
}
