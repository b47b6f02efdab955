package io.fasterapi.web.internal.request;

import io.fasterapi.core.Deadline;
import io.fasterapi.core.Shard;
import io.fasterapi.web.internal.errors.CheckedFailure;
import io.fasterapi.web.Request;
import io.fasterapi.web.Response;
import io.fasterapi.web.internal.dependency.DependencyRegistry;
import io.fasterapi.web.internal.dependency.RequestScope;
import io.fasterapi.web.internal.errors.RequestValidationException;
import io.fasterapi.web.internal.errors.ValidationError;
import io.fasterapi.web.internal.form.ParsedForm;
import io.fasterapi.web.internal.json.JsonBodyReader;
import io.fasterapi.web.internal.body.RequestBodyStream;
import io.fasterapi.web.internal.body.StreamedRequest;
import io.fasterapi.web.internal.tracing.RequestSpan;
import io.netty.buffer.Unpooled;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * One request's state: the Netty request (its body retained until the response is written), the
 * route's captured path values, lazily decoded query and cookies, the dependency scope, the binding
 * errors, and the response a handler may have asked for as a parameter.
 *
 * <p>Created on the connection's event loop, then confined to the thread running the handler, then
 * back to the loop for writing: each hand-off goes through an executor queue (a happens-before
 * edge), so no field needs to be volatile.
 */
public final class RequestContext implements Request {
    private final FullHttpRequest request;
    private final String path;
    private final String rawQuery;
    private final Shard shard;
    private final InetSocketAddress remote;
    private final String requestId;
    private final RequestScope scope;
    private final JsonBodyReader json;
    private List<String> pathNames = List.of();
    private String[] pathValues;
    private Map<String, List<String>> query;
    private Map<String, String> cookies;
    private List<ValidationError> errors;
    private Response response;
    private Deadline deadline; // null: none
    private RequestSpan span; // null: the server does not trace
    private Map<String, Object> attributes;
    private ParsedForm form;

    /**
     * Loads the lazily used query and cookie decoders' classes: virtual threads racing to load them (a
     * handler's first query parameter) wait on the class loader's lock and pin their carriers (seen in the
     * soak test, for {@code QueryStringDecoder$Builder}). The start's warm-up calls it, before handlers on
     * virtual threads run.
     */
    public static void warmUpDecoders() {
        new QueryStringDecoder("a=1&b", StandardCharsets.UTF_8, false).parameters();
        ServerCookieDecoder.LAX.decode("a=1");
    }

    public RequestContext(FullHttpRequest request, String path, String rawQuery, Shard shard,
                          InetSocketAddress remote, String requestId, DependencyRegistry dependencies,
                          JsonBodyReader json) {
        this.json = json;
        this.request = request;
        this.path = path;
        this.rawQuery = rawQuery;
        this.shard = shard;
        this.remote = remote;
        this.requestId = requestId;
        this.scope = new RequestScope(dependencies);
    }

    /** Sets the route's variables and the values the router captured for them (still percent-decoded). */
    public void pathValues(List<String> names, String[] values) {
        this.pathNames = names;
        this.pathValues = values;
    }

    /** The captured value of path variable number {@code index}. */
    public String pathValue(int index) {
        return pathValues[index];
    }

    /** The server's reader of JSON bodies (its nesting limit applied). */
    public JsonBodyReader jsonBodyReader() {
        return json;
    }

    /** The Netty request. */
    /** The request's span; null when the server does not trace (or the request was never dispatched). */
    public RequestSpan span() {
        return span;
    }

    /** Sets the request's span, on its loop as it is dispatched. */
    public void span(RequestSpan span) {
        this.span = span;
    }

    public FullHttpRequest nettyRequest() {
        return request;
    }

    /** The dependency scope of this request. */
    public RequestScope scope() {
        return scope;
    }

    /** Records a binding error; the handler is not called once any was recorded. */
    public void addError(ValidationError error) {
        if (errors == null) {
            errors = new ArrayList<>(4);
        }
        errors.add(error);
    }

    /** Records several binding errors. */
    public void addErrors(List<ValidationError> list) {
        for (ValidationError e : list) {
            addError(e);
        }
    }

    /** Replaces the recorded binding errors (to put them in the order they are reported in). */
    public void replaceErrors(List<ValidationError> ordered) {
        errors = new ArrayList<>(ordered);
    }

    /** Whether any binding error was recorded. */
    public boolean hasErrors() {
        return errors != null && !errors.isEmpty();
    }

    /** The recorded binding errors. */
    public List<ValidationError> errors() {
        return errors == null ? List.of() : errors;
    }

    /** The response a handler took as a parameter (created on first call). */
    public Response injectedResponse() {
        if (response == null) {
            response = Response.status(200);
        }
        return response;
    }

    /** The injected response, or null when the handler did not ask for one. */
    public Response injectedResponseOrNull() {
        return response;
    }

    private Map<String, List<String>> queryMap() {
        if (query == null) {
            query = rawQuery.isEmpty() ? Map.of()
                    : new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false).parameters();
        }
        return query;
    }

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public Optional<String> query(String name) {
        List<String> values = queryMap().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public List<String> queryAll(String name) {
        List<String> values = queryMap().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public String pathParam(String name) {
        int i = pathNames.indexOf(name);
        return i < 0 ? null : pathValues[i];
    }

    @Override
    public String header(String name) {
        return request.headers().get(name);
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public String cookie(String name) {
        if (cookies == null) {
            cookies = new HashMap<>();
            for (String header : request.headers().getAll("cookie")) {
                for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                    cookies.putIfAbsent(c.name(), c.value());
                }
            }
        }
        return cookies.get(name);
    }

    /**
     * The body as a stream: the body still arriving when the route streams it ({@link StreamedRequest}),
     * else a stream over the received bytes.
     */
    @Override
    public InputStream bodyStream() {
        if (request instanceof StreamedRequest streamed) {
            return streamed.body();
        }
        return new ByteBufInputStream(request.content().duplicate(), false);
    }

    /**
     * The body as a publisher of byte buffers: the body still arriving when the route streams it, else
     * the received bytes (one buffer, or none).
     */
    public Flow.Publisher<ByteBuffer> bodyPublisher() {
        if (request instanceof StreamedRequest streamed) {
            return streamed.body().publisher();
        }
        RequestBodyStream received = new RequestBodyStream(shard.eventLoop(), RequestBodyStream.ReadGate.NONE);
        if (request.content().isReadable()) {
            received.offer(Unpooled.wrappedBuffer(ByteBufUtil.getBytes(request.content())));
        }
        received.end();
        return received.publisher();
    }

    /** The status answered instead of the handler's response because the streamed body was refused (413, 400), else 0. */
    public int bodyRefusalStatus() {
        return request instanceof StreamedRequest streamed ? streamed.body().refusalStatus() : 0;
    }

    @Override
    public byte[] body() {
        return ByteBufUtil.getBytes(request.content());
    }

    @Override
    public String bodyAsString() {
        return request.content().toString(StandardCharsets.UTF_8);
    }

    @Override
    public ParsedForm form() {
        if (form == null) {
            form = ParsedForm.of(request);
        }
        return form;
    }

    @Override
    public <T> T json(Class<T> type) {
        var tree = json.readTree(request.content());
        try {
            return json.mapping().mapper().treeToValue(tree, type);
        } catch (JacksonException e) {
            throw new RequestValidationException(List.of(new ValidationError("model_attributes_type",
                    List.of("body"), "Input should be a valid dictionary or object to extract fields from", tree, null)));
        }
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public Shard shard() {
        return shard;
    }

    @Override
    public Optional<Deadline> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Sets the handler's deadline, before the handler runs (on the loop). */
    public void deadline(Deadline d) {
        this.deadline = d;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public <T> T dependency(Class<T> type) {
        return dependency(type, (Object) type);
    }

    @Override
    public <T> T dependency(String name, Class<T> type) {
        return dependency(type, scope.key(name, type));
    }

    private <T> T dependency(Class<T> type, Object key) {
        try {
            Object value = scope.get(key, this);
            if (value == null && hasErrors()) {
                throw new RequestValidationException(errors());
            }
            return type.cast(value);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CheckedFailure(e);
        }
    }

    @Override
    public Object attribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    @Override
    public void attribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        attributes.put(name, value);
    }
}
