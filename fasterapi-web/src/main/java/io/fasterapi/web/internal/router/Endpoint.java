package io.fasterapi.web.internal.router;

import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.binding.BoundParameters;
import io.fasterapi.web.internal.binding.Invoker;
import io.fasterapi.web.internal.binding.ParamExtractor;
import io.fasterapi.web.internal.errors.RequestValidationException;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.json.ModelWriter;
import io.fasterapi.web.internal.json.ResponseModels;
import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.util.List;


/**
 * A route compiled for execution: its binding plan, its invoker, where it runs and how its result
 * is answered. Immutable, shared by every request of the route, on every thread.
 */
public final class Endpoint {
    private final RouteModel model;
    private final List<String> pathVariables;
    private final BoundParameters parameters;
    private final Invoker invoker;
    private final LambdaCall lambda;
    private final ParamExtractor[] sharedDependencies; // the route group's, resolved before binding
    private final boolean async;
    private final int status;
    private final boolean returnsVoid;
    private final boolean streamsBody;
    private final ModelWriter responseModel;
    private final String rawContentType; // a declared media type that is not JSON, for String and byte[] answers
    private final JsonMapping json;

    /** A lambda route's call: the handler takes the request itself. */
    @FunctionalInterface
    public interface LambdaCall {
        Object call(RequestContext request) throws Exception;
    }

    private Endpoint(RouteModel model, List<String> pathVariables, BoundParameters parameters, Invoker invoker,
                     LambdaCall lambda, ParamExtractor[] sharedDependencies, boolean async, int status, boolean returnsVoid,
                     boolean streamsBody, JsonMapping json) {
        this.model = model;
        this.pathVariables = pathVariables;
        this.parameters = parameters;
        this.invoker = invoker;
        this.lambda = lambda;
        this.sharedDependencies = sharedDependencies;
        this.async = async;
        this.status = status;
        this.returnsVoid = returnsVoid;
        this.streamsBody = streamsBody;
        this.responseModel = ResponseModels.writer(model, json);
        this.rawContentType = ResponseModels.rawContentType(model);
        this.json = json;
    }

    /** The bound method's invoker, for the start's warm-up to prepare; null for a lambda route. */
    public Invoker invoker() {
        return invoker;
    }

    /** An endpoint calling a bound method. */
    public static Endpoint ofMethod(RouteModel model, List<String> pathVariables, BoundParameters parameters,
                                    Invoker invoker, Class<?>[] sharedDependencies, boolean returnsVoid) {
        return ofMethod(model, pathVariables, parameters, invoker, plain(sharedDependencies), returnsVoid,
                JsonMapping.DECLARED);
    }

    /**
     * An endpoint calling a bound method, after resolving {@code sharedDependencies} (a route
     * group's, each an extractor of one dependency, with the scopes it requires), answering through
     * its response model written by {@code json}, the app's.
     */
    public static Endpoint ofMethod(RouteModel model, List<String> pathVariables, BoundParameters parameters,
                                    Invoker invoker, ParamExtractor[] sharedDependencies, boolean returnsVoid,
                                    JsonMapping json) {
        return new Endpoint(model, pathVariables, parameters, invoker, null, sharedDependencies, model.async(),
                model.status(), returnsVoid, parameters.streamsBody(), json);
    }

    /** An endpoint calling a lambda with the request. */
    public static Endpoint ofLambda(RouteModel model, List<String> pathVariables, LambdaCall call,
                                    Class<?>[] sharedDependencies) {
        return ofLambda(model, pathVariables, call, sharedDependencies, false, JsonMapping.DECLARED);
    }

    /**
     * An endpoint calling a lambda with the request; {@code streamsBody}: it reads the body while it
     * arrives; {@code json}, the app's, writes its response model.
     */
    public static Endpoint ofLambda(RouteModel model, List<String> pathVariables, LambdaCall call,
                                    Class<?>[] sharedDependencies, boolean streamsBody, JsonMapping json) {
        return new Endpoint(model, pathVariables, null, null, call, plain(sharedDependencies), model.async(),
                model.status(), false, streamsBody, json);
    }

    private static ParamExtractor[] plain(Class<?>[] types) {
        ParamExtractor[] out = new ParamExtractor[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = BindingCompiler.dependencyExtractor(types[i], List.of());
        }
        return out;
    }

    /**
     * Binds the request and calls the handler; returns its raw result (a value, a future, a
     * response). Binding errors throw {@link RequestValidationException}. Runs on the handler's thread.
     */
    public Object call(RequestContext request) throws Throwable {
        for (ParamExtractor d : sharedDependencies) {
            d.extract(request);
        }
        if (lambda != null) {
            if (request.hasErrors()) {
                throw new RequestValidationException(request.errors());
            }
            return lambda.call(request);
        }
        Object[] args = parameters.bind(request);
        return invoker.invoke(args);
    }

    /** The route as registered. */
    public RouteModel model() {
        return model;
    }

    /** The path template's variables, in order. */
    public List<String> pathVariables() {
        return pathVariables;
    }

    /** Whether the handler returns a future and runs on the event loop. */
    public boolean async() {
        return async;
    }

    /** The success status ({@code @Status}, or 200). */
    public int status() {
        return status;
    }

    /** Whether the handler reads its body as a stream while it arrives (it is not aggregated first). */
    public boolean streamsBody() {
        return streamsBody;
    }

    /**
     * The route's response model, resolved once here: what its JSON answers are written through, or
     * null when they are written as their runtime class.
     */
    public ModelWriter responseModel() {
        return responseModel;
    }

    /**
     * The {@code Content-Type} of a returned {@code String} or {@code byte[]}: the declared media type
     * when it is not JSON ({@code @Produces("text/plain")}, FastAPI's {@code response_class=}), or
     * null, when a {@code String} is a JSON string and {@code byte[]} binary.
     */
    public String rawContentType() {
        return rawContentType;
    }

    /** The app's JSON, which writes what the handler answers. */
    public JsonMapping json() {
        return json;
    }

    /** Whether the handler is declared {@code void} (answered 204 unless {@code @Status} says otherwise). */
    public boolean returnsVoid() {
        return returnsVoid;
    }
}
