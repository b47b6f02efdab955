package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.model.RouteModel;
import io.fasterapi.core.Future;
import io.fasterapi.web.EventStream;
import io.fasterapi.web.Response;
import io.fasterapi.web.ResponseModel;
import io.fasterapi.web.RouteInfo;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.ModelWriter;
import io.fasterapi.web.internal.json.JsonMapping;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A route's response model (FastAPI's {@code response_model}): the type its answer is written
 * through and documented as. The model a route declares ({@link RouteInfo#responseModel()}, from
 * {@link ResponseModel} on a method) wins; else it is the declared return type, the {@code T} of a
 * {@code Future<T>} or {@code CompletionStage<T>}. A return type that says nothing about a JSON body
 * ({@code Object}, {@link Response}, {@code String}, {@code byte[]}, a publisher, an event stream,
 * {@code void}) is no model: its values are written as their runtime class. Startup only.
 */
public final class ResponseModels {
    private ResponseModels() {
    }

    /** {@code info} with what {@link ResponseModel} on {@code method}, if any, declares. */
    public static RouteInfo declaredOn(Method method, RouteInfo info) {
        ResponseModel annotation = method.getAnnotation(ResponseModel.class);
        if (annotation == null) {
            return info;
        }
        RouteInfo declared = info;
        if (annotation.value() != void.class) {
            declared = declared.withResponseModel(modelOf(annotation.value(), method.getGenericReturnType()));
        }
        if (annotation.excludeNone()) {
            declared = declared.withResponseModelExcludeNone();
        }
        if (annotation.excludeUnset()) {
            declared = declared.withResponseModelExcludeUnset();
        }
        return declared;
    }

    // A method returning a list, annotated with the element's model, answers a list of that model.
    private static Type modelOf(Class<?> value, Type returnType) {
        Class<?> raw = JsonBodyChecker.rawClass(unwrapAsync(returnType));
        boolean many = raw.isArray() || Collection.class.isAssignableFrom(raw);
        if (many && !value.isArray() && !Collection.class.isAssignableFrom(value)) {
            return new ListOf(value);
        }
        return value;
    }

    /** The model of {@code route}, or null when its answer is written as the runtime class of its value. */
    public static Type of(RouteModel route) {
        RouteInfo info = route.info();
        if (info != null && info.responseModel() != null) {
            return info.responseModel();
        }
        Type declared = unwrapAsync(route.returnType());
        return isModel(JsonBodyChecker.rawClass(declared)) ? declared : null;
    }

    /**
     * The writer of {@code route}'s answers, or null when they are written as their runtime class
     * (no model, and nothing left out); {@code json}, the app's, writes it.
     */
    public static ModelWriter writer(RouteModel route, JsonMapping json) {
        Type model = of(route);
        RouteInfo info = route.info();
        boolean excludeNone = info != null && info.responseModelExcludeNone();
        boolean excludeUnset = info != null && info.responseModelExcludeUnset();
        if (model == null && !excludeNone && !excludeUnset) {
            return null;
        }
        return json.modelWriter(model == null ? Object.class : model, unwrapAsync(route.returnType()),
                excludeNone, excludeUnset);
    }

    /**
     * The {@code Content-Type} a returned {@code String} or {@code byte[]} is sent with: the route's
     * declared media type when it is not JSON, {@code ; charset=utf-8} added to a {@code text/*} type
     * naming no charset (as Starlette's {@code Response} does); else null.
     */
    public static String rawContentType(RouteModel route) {
        String mediaType = route.info() == null ? null : route.info().responseMediaType();
        if (mediaType == null || isJson(mediaType)) {
            return null;
        }
        String lower = mediaType.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/") && !lower.contains("charset=") ? mediaType + "; charset=utf-8" : mediaType;
    }

    /** Whether {@code mediaType} is {@code application/json} or of the {@code +json} family (RFC 6839). */
    public static boolean isJson(String mediaType) {
        String essence = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return essence.equals("application/json") || essence.endsWith("+json");
    }

    /** {@code T} of {@code Future<T>} or {@code CompletionStage<T>}, else {@code type}. */
    public static Type unwrapAsync(Type type) {
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (Future.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw)) {
            return JsonBodyChecker.typeArgument(type, 0);
        }
        return type;
    }

    private static boolean isModel(Class<?> raw) {
        return raw != Object.class && raw != void.class && raw != Void.class && raw != Response.class
                && raw != String.class && raw != byte[].class && !CharSequence.class.isAssignableFrom(raw)
                && !Flow.Publisher.class.isAssignableFrom(raw) && !EventStream.class.isAssignableFrom(raw)
                && !isJsonTree(raw);
    }

    /** Whether {@code raw} is Jackson's {@code JsonNode} or one: asked by name, so that databind stays unloaded. */
    static boolean isJsonTree(Class<?> raw) {
        for (Class<?> c = raw; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("tools.jackson.databind.JsonNode")) {
                return true;
            }
        }
        return false;
    }

    /** {@code List<element>}, as a {@link ParameterizedType} of its own (equal to the JDK's when printed). */
    private record ListOf(Class<?> element) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {element};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String getTypeName() {
            return "java.util.List<" + element.getTypeName() + ">";
        }
    }
}
