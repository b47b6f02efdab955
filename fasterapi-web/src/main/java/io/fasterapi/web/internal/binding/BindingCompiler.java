package io.fasterapi.web.internal.binding;

import io.fasterapi.web.internal.convert.DeclaredConstraints;
import io.fasterapi.web.internal.convert.FiniteDigits;
import io.fasterapi.web.internal.convert.IntegralBounds;
import io.fasterapi.web.internal.convert.ScalarConverters;
import io.fasterapi.web.internal.convert.StringConverter;
import io.fasterapi.web.Body;
import io.fasterapi.web.Cookie;
import io.fasterapi.web.DefaultValue;
import io.fasterapi.web.Form;
import io.fasterapi.web.Depends;
import io.fasterapi.web.Named;
import io.fasterapi.web.Header;
import io.fasterapi.web.Path;
import io.fasterapi.web.Query;
import io.fasterapi.web.Request;
import io.fasterapi.web.Response;
import io.fasterapi.web.Security;
import io.fasterapi.web.security.SecurityScopes;
import io.fasterapi.web.internal.binding.SimpleExtractors.Arity;
import io.fasterapi.web.internal.dependency.DependencyRegistry;
import io.fasterapi.web.internal.errors.InvalidValue;
import io.fasterapi.web.internal.json.JsonBodyChecker;
import io.fasterapi.web.internal.json.JsonMapping;
import io.fasterapi.web.internal.model.ParamSource;
import io.fasterapi.web.internal.model.ParameterModel;
import io.fasterapi.web.internal.request.RequestContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Analyses a handler's (or dependency factory's) signature once, at startup, into a
 * {@link BoundParameters} plan: FastAPI's {@code get_dependant}. The rules, in order: an explicit
 * {@code @Path/@Query/@Header/@Cookie/@Body/@Depends}; {@code Request} and {@code Response}; a name
 * in the path template is a path parameter; a registered dependency type is injected; a simple type
 * (or {@code Optional}/{@code List} of one) is a query parameter; an {@code InputStream} or a
 * {@code Flow.Publisher<ByteBuffer>} is the body as it arrives; anything else is the JSON body.
 * {@code @Security} is {@code @Depends} with OAuth2 scopes; a {@code SecurityScopes} parameter
 * receives the scopes required on the way to the method.
 */
public final class BindingCompiler {
    /**
     * Takes a JSON body's failing path (a type error and a constraint violation) once, so that its classes
     * are loaded on the calling platform thread before the server listens, not first by racing virtual
     * threads, which would pin their carriers. For an app with a route that reads a JSON body; any thread.
     */
    public static void warmUpBodyFailures() {
        BodyExtractor.warmUpFailingPath();
    }

    private final DependencyRegistry dependencies;
    private boolean strictContentType = true;
    private JsonMapping json = JsonMapping.DECLARED;

    public BindingCompiler(DependencyRegistry dependencies) {
        this.dependencies = dependencies;
    }

    /** The registry whose factories this compiler binds. */
    public DependencyRegistry dependencies() {
        return dependencies;
    }

    /**
     * FastAPI's {@code strict_content_type}: on (the default), a body without {@code Content-Type} is
     * not JSON; off, it is read as JSON. Applies to the routes compiled afterwards.
     */
    public void strictContentType(boolean on) {
        this.strictContentType = on;
    }

    /**
     * The app's JSON (its {@link io.fasterapi.web.JsonNaming naming policy}): how JSON bodies are
     * mapped and their errors located, and how response models are written. Applies to the routes
     * compiled afterwards.
     */
    public void json(JsonMapping json) {
        this.json = json;
    }

    /** The app's JSON. */
    public JsonMapping json() {
        return json;
    }

    /**
     * The plan for {@code method}'s parameters ({@code target} is the object it is called on). {@code pathVariables} are the template's variables
     * (empty for dependency factories). Throws {@link IllegalArgumentException} naming the handler
     * and parameter when the signature cannot be bound.
     */
    public BoundParameters compile(Method method, Object target, List<String> pathVariables) {
        return compile(method, target, pathVariables, false);
    }

    /**
     * The plan for dependency factory {@code method}: bound like a handler's, except that it serves
     * routes of any template, so only an explicit {@code @Path} parameter is a path parameter, read by
     * name from the route running it (missing there: a 422).
     */
    public BoundParameters compileFactory(Method method, Object target) {
        return compile(method, target, List.of(), true);
    }

    private BoundParameters compile(Method method, Object target, List<String> pathVariables, boolean factory) {
        Parameter[] params = method.getParameters();
        String where = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        List<ParameterModel> models = new ArrayList<>();
        ParamExtractor[] extractors = new ParamExtractor[params.length];
        ParamSource[] sources = new ParamSource[params.length];
        int bodies = 0;
        int forms = 0;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            if (!p.isNamePresent()) {
                throw new IllegalArgumentException(where + ": parameter names are missing; compile with -parameters");
            }
            ParamSource source = sourceOf(p, pathVariables, where);
            sources[i] = source;
            if (source == ParamSource.FORM) {
                forms++;
            }
            if (source == ParamSource.BODY && ++bodies > 1) {
                throw new IllegalArgumentException(where + ": more than one body parameter ('" + p.getName()
                        + "'); wrap them in one record");
            }
            ParameterModel model = model(p, source);
            models.add(model);
            extractors[i] = extractor(p, source, model, pathVariables, factory, where);
        }
        if (bodies > 0 && forms > 0) {
            throw new IllegalArgumentException(where + ": a handler takes either a JSON body or form fields, not both");
        }
        for (String v : pathVariables) {
            boolean bound = models.stream().anyMatch(m -> m.source() == ParamSource.PATH && m.name().equals(v));
            if (!bound) {
                throw new IllegalArgumentException(where + ": path variable {" + v + "} has no parameter of that name");
            }
        }
        if (!factory) {
            checkDependencyPathParameters(models, pathVariables, where, new java.util.HashSet<>());
        }
        int[] order = new int[params.length];
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            indexes.add(i);
        }
        indexes.sort(Comparator.comparingInt(i -> errorOrder(sources[i])));
        for (int i = 0; i < order.length; i++) {
            order[i] = indexes.get(i);
        }
        return new BoundParameters(List.copyOf(models), extractors, order, ParameterValidator.forMethod(method, target, models,
                extractors));
    }

    // A factory's @Path parameter is read from the route running it: a route whose template lacks the
    // variable could never bind it, so it fails at startup rather than with a 422 on every request.
    private void checkDependencyPathParameters(List<ParameterModel> models, List<String> pathVariables, String where,
                                               Set<Class<?>> checked) {
        for (ParameterModel m : models) {
            Class<?> type = JsonBodyChecker.rawClass(m.type());
            if (m.source() != ParamSource.DEPENDENCY || !checked.add(type)) {
                continue;
            }
            List<ParameterModel> inner = dependencies.parametersOf(type);
            for (ParameterModel f : inner) {
                if (f.source() == ParamSource.PATH && !pathVariables.contains(f.name())) {
                    throw new IllegalArgumentException(where + ": dependency " + type.getSimpleName()
                            + " reads path parameter '" + f.name() + "', which the route's template "
                            + pathVariables + " does not have");
                }
            }
            checkDependencyPathParameters(inner, pathVariables, where, checked);
        }
    }

    // FastAPI reports dependencies' errors first, then path, query, header, cookie, then body.
    private static int errorOrder(ParamSource s) {
        return switch (s) {
            case DEPENDENCY, REQUEST, RESPONSE, SECURITY_SCOPES -> 0;
            case PATH -> 1;
            case QUERY -> 2;
            case HEADER -> 3;
            case COOKIE -> 4;
            case BODY, FORM -> 5;
        };
    }

    private ParamSource sourceOf(Parameter p, List<String> pathVariables, String where) {
        if (p.isAnnotationPresent(Path.class)) {
            return ParamSource.PATH;
        }
        if (p.isAnnotationPresent(Query.class)) {
            return ParamSource.QUERY;
        }
        if (p.isAnnotationPresent(Header.class)) {
            return ParamSource.HEADER;
        }
        if (p.isAnnotationPresent(Cookie.class)) {
            return ParamSource.COOKIE;
        }
        if (p.isAnnotationPresent(Form.class) || FormExtractors.isUpload(p.getParameterizedType())) {
            return ParamSource.FORM;
        }
        if (p.isAnnotationPresent(Body.class)) {
            return ParamSource.BODY;
        }
        if (p.isAnnotationPresent(Named.class)) {
            if (!dependencies.isRegistered(dependencyKey(p))) {
                throw new IllegalArgumentException(where + ": parameter '" + p.getName() + "' of type "
                        + p.getType().getName() + " is @Named(\"" + p.getAnnotation(Named.class).value()
                        + "\"), but nothing is registered under that name; register it with app.provide(\""
                        + p.getAnnotation(Named.class).value() + "\", " + p.getType().getSimpleName() + ".class, ...)");
            }
            return ParamSource.DEPENDENCY;
        }
        if (p.isAnnotationPresent(Depends.class) || p.isAnnotationPresent(Security.class)) {
            if (!dependencies.isRegistered(p.getType())) {
                String annotation = p.isAnnotationPresent(Security.class) ? "@Security" : "@Depends";
                throw new IllegalArgumentException(where + ": " + annotation + " parameter '" + p.getName()
                        + "' of type " + p.getType().getName() + " has no factory; register one with app.provide(...)");
            }
            return ParamSource.DEPENDENCY;
        }
        if (p.getType() == SecurityScopes.class) {
            return ParamSource.SECURITY_SCOPES;
        }
        if (p.getType() == Request.class) {
            return ParamSource.REQUEST;
        }
        if (p.getType() == Response.class) {
            return ParamSource.RESPONSE;
        }
        if (pathVariables.contains(p.getName())) {
            return ParamSource.PATH;
        }
        if (dependencies.isRegistered(p.getType())) {
            return ParamSource.DEPENDENCY;
        }
        if (isSimple(p.getParameterizedType())) {
            return ParamSource.QUERY;
        }
        return ParamSource.BODY;
    }

    private static boolean isSimple(Type type) {
        Class<?> raw = JsonBodyChecker.rawClass(type);
        if (raw == Optional.class || raw == List.class || raw == Collection.class || raw == Set.class) {
            return ScalarConverters.isScalar(JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(type, 0)));
        }
        return ScalarConverters.isScalar(raw);
    }

    private static ParameterModel model(Parameter p, ParamSource source) {
        String name = switch (source) {
            case PATH -> explicit(p.getAnnotation(Path.class) == null ? "" : p.getAnnotation(Path.class).value(), p);
            case QUERY -> explicit(p.getAnnotation(Query.class) == null ? "" : p.getAnnotation(Query.class).value(), p);
            case HEADER -> p.getAnnotation(Header.class) != null && !p.getAnnotation(Header.class).value().isEmpty()
                    ? p.getAnnotation(Header.class).value().toLowerCase(java.util.Locale.ROOT)
                    : headerName(p.getName());
            case COOKIE -> explicit(p.getAnnotation(Cookie.class) == null ? "" : p.getAnnotation(Cookie.class).value(), p);
            case FORM -> FormExtractors.fieldName(p);
            default -> p.getName();
        };
        DefaultValue dv = p.getAnnotation(DefaultValue.class);
        Class<?> raw = p.getType();
        boolean required = switch (source) {
            case QUERY, HEADER, COOKIE, FORM -> dv == null && raw != Optional.class && !Collection.class.isAssignableFrom(raw);
            case PATH -> true;
            case BODY -> raw != Optional.class;
            default -> false;
        };
        // Optional<@Size(min = 3) String> and @Size(min = 3) Optional<String> alike: OpenAPI lists both
        List<Annotation> constraints = DeclaredConstraints.of(p);
        Body body = p.getAnnotation(Body.class);
        String mediaType = body == null || body.mediaType().isEmpty() ? null : body.mediaType();
        Security security = p.getAnnotation(Security.class);
        List<String> scopes = security == null ? List.of() : List.of(security.scopes());
        return new ParameterModel(name, source, p.getParameterizedType(), required, dv == null ? null : dv.value(),
                List.copyOf(constraints), mediaType, scopes);
    }

    private static String explicit(String value, Parameter p) {
        return value.isEmpty() ? p.getName() : value;
    }

    /** {@code user_agent} and {@code userAgent} are both header {@code user-agent}. */
    static String headerName(String javaName) {
        StringBuilder b = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (c == '_') {
                b.append('-');
            } else if (Character.isUpperCase(c)) {
                if (i > 0 && javaName.charAt(i - 1) != '_') {
                    b.append('-');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private ParamExtractor extractor(Parameter p, ParamSource source, ParameterModel model, List<String> pathVariables,
                                     boolean factory, String where) {
        List<Object> loc = source.location() == null ? List.of() : List.of(source.location(), model.name());
        return switch (source) {
            case REQUEST -> request -> request;
            case RESPONSE -> request -> request.injectedResponse();
            case DEPENDENCY -> dependencyExtractor(dependencyKey(p), model.scopes());
            case SECURITY_SCOPES -> request -> request.scope().securityScopes();
            case BODY -> {
                if (p.getType() == java.util.concurrent.Flow.Publisher.class && !model.streamsBody()) {
                    throw new IllegalArgumentException(where + ": body parameter '" + p.getName() + "' is a "
                            + p.getParameterizedType().getTypeName() + "; a streamed body is Flow.Publisher<ByteBuffer>");
                }
                yield !model.streamsBody() ? new BodyExtractor(p.getParameterizedType(), strictContentType, json)
                        : p.getType() == java.io.InputStream.class ? RequestContext::bodyStream
                        : RequestContext::bodyPublisher;
            }
            case PATH -> {
                int index = pathVariables.indexOf(model.name());
                if (index < 0 && !factory) {
                    throw new IllegalArgumentException(where + ": @Path parameter '" + model.name()
                            + "' is not a variable of the path template " + pathVariables);
                }
                StringConverter c = FiniteDigits.refusingNonFinite(
                        IntegralBounds.tightened(ScalarConverters.forType(p.getType()), p.getType(), p), p.getType(), p);
                if (c == null) {
                    throw new IllegalArgumentException(where + ": path parameter '" + model.name() + "' has type "
                            + p.getType().getName() + ", which cannot be read from text");
                }
                yield factory ? SimpleExtractors.pathByName(model.name(), c, loc) : SimpleExtractors.path(index, c, loc);
            }
            case QUERY, HEADER, COOKIE -> textExtractor(p, source, model, loc, where);
            case FORM -> FormExtractors.of(p, model, where);
        };
    }

    /**
     * The extractor of dependency {@code type} (a type or a named key; from the request's scope), requiring {@code scopes}
     * (FastAPI's {@code Security(dep, scopes)}) on the way to it when there are any.
     */
    public static ParamExtractor dependencyExtractor(Object type, List<String> scopes) {
        return scopes.isEmpty() ? request -> request.scope().get(type, request)
                : new ScopedDependencyExtractor(type, scopes);
    }

    /** The registry key of dependency parameter {@code p}: its type, named when it is {@code @Named}. */
    private Object dependencyKey(Parameter p) {
        Named named = p.getAnnotation(Named.class);
        return named == null ? p.getType() : dependencies.key(named.value(), p.getType());
    }

    private static ParamExtractor textExtractor(Parameter p, ParamSource source, ParameterModel model, List<Object> loc,
                                                String where) {
        Type type = p.getParameterizedType();
        Class<?> raw = p.getType();
        Arity arity = raw == Optional.class ? Arity.OPTIONAL
                : Collection.class.isAssignableFrom(raw) ? Arity.LIST : Arity.ONE;
        Class<?> element = arity == Arity.ONE ? raw : JsonBodyChecker.rawClass(JsonBodyChecker.typeArgument(type, 0));
        StringConverter converter = FiniteDigits.refusingNonFinite(
                IntegralBounds.tightened(ScalarConverters.forType(element), element, p), element, p);
        if (converter == null) {
            throw new IllegalArgumentException(where + ": " + source.location() + " parameter '" + p.getName()
                    + "' has type " + type.getTypeName() + ", which cannot be read from text");
        }
        if (arity == Arity.LIST && source == ParamSource.COOKIE) {
            throw new IllegalArgumentException(where + ": cookie parameter '" + p.getName() + "' cannot be a list");
        }
        Object defaultValue = defaultValue(model, arity, converter, element, where);
        String name = model.name();
        SimpleExtractors.TextSource values = switch (source) {
            case QUERY -> request -> request.queryAll(name);
            case HEADER -> request -> request.headers(name);
            default -> request -> {
                String v = request.cookie(name);
                return v == null ? List.of() : List.of(v);
            };
        };
        return SimpleExtractors.text(values, source == ParamSource.QUERY, arity, converter, defaultValue,
                model.required(), loc);
    }

    static Object defaultValue(ParameterModel model, Arity arity, StringConverter converter, Class<?> element,
                                       String where) {
        if (model.defaultValue() == null) {
            return switch (arity) {
                case OPTIONAL -> Optional.empty();
                case LIST -> List.of();
                case ONE -> element.isPrimitive() ? null : null;
            };
        }
        try {
            Object v = converter.convert(model.defaultValue());
            return switch (arity) {
                case OPTIONAL -> Optional.of(v);
                case LIST -> List.of(v);
                case ONE -> v;
            };
        } catch (InvalidValue e) {
            throw new IllegalArgumentException(where + ": @DefaultValue(\"" + model.defaultValue() + "\") of '"
                    + model.name() + "': " + e.getMessage());
        }
    }
}
