package io.fasterapi.web;

import io.fasterapi.web.internal.json.JsonValueWriter;
import io.fasterapi.web.internal.json.ModelBodies;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * An HTTP response: status, headers and a body. Return one from a handler to control everything;
 * return a plain value to let FasterAPI choose (JSON, text, bytes, 204). A handler may also take a
 * {@code Response} parameter to set headers or the status of the response built from its return
 * value (FastAPI's {@code response: Response}).
 *
 * {@snippet :
 * return Response.json(201, item).header("Location", "/items/" + item.id());
 * return Response.stream("text/csv", out -> out.write(csvBytes));
 * }
 *
 * <p>Not thread-safe: build it on one thread, then hand it over by returning it.
 */
public final class Response {
    /** What kind of body a response carries; decides how it is encoded. */
    public enum BodyKind {
        /** No body. */
        EMPTY,
        /** {@link #body()} is a {@code byte[]} sent as it is. */
        BYTES,
        /** {@link #body()} is a value encoded as JSON. */
        JSON,
        /** {@link #body()} is a {@code Flow.Publisher<ByteBuffer>}, streamed with chunked encoding. */
        PUBLISHER,
        /** {@link #body()} is a {@link BodyWriter}, streamed with chunked encoding. */
        WRITER
    }

    static {
        ModelBodies.install(new ModelBodies.Access() {
            @Override
            public Response json(int status, Object value, JsonValueWriter writer) {
                Response r = Response.json(status, value);
                r.modelWriter = writer;
                return r;
            }

            @Override
            public JsonValueWriter writer(Response response) {
                return response.modelWriter;
            }
        });
    }

    private int status;
    private JsonValueWriter modelWriter; // a JSON body's route response model, or null: its runtime class
    private final List<String> headers = new ArrayList<>(4); // name, value, name, value...
    private BodyKind kind;
    private Object body;
    private String contentType;

    private Response(int status, BodyKind kind, Object body, String contentType) {
        this.status = status;
        this.kind = kind;
        this.body = body;
        this.contentType = contentType;
    }

    /** An empty response with {@code status}. */
    public static Response status(int status) {
        return new Response(status, BodyKind.EMPTY, null, null);
    }

    /** 200 with {@code value} as JSON. */
    public static Response json(Object value) {
        return json(200, value);
    }

    /** {@code status} with {@code value} as JSON. */
    public static Response json(int status, Object value) {
        return new Response(status, BodyKind.JSON, value, "application/json");
    }

    /** 200 with {@code text} as {@code text/plain; charset=utf-8}. */
    public static Response text(String text) {
        return text(200, text);
    }

    /** {@code status} with {@code text} as {@code text/plain; charset=utf-8}. */
    public static Response text(int status, String text) {
        return bytes(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with {@code html} as {@code text/html; charset=utf-8}. */
    public static Response html(String html) {
        return bytes(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code status} with {@code body} sent as it is, labelled {@code contentType}. */
    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, BodyKind.BYTES, Objects.requireNonNull(body, "body"), contentType);
    }

    /**
     * 200 with a body streamed from {@code publisher} (chunked). Each buffer is copied before the next
     * is requested, and the next is requested only once the previous was written: the client's pace
     * sets the publisher's.
     */
    public static Response streamFrom(String contentType, Flow.Publisher<ByteBuffer> publisher) {
        return new Response(200, BodyKind.PUBLISHER, Objects.requireNonNull(publisher, "publisher"), contentType);
    }

    /** 200 with a body written by {@code writer} on a virtual thread (chunked, with backpressure). */
    public static Response stream(String contentType, BodyWriter writer) {
        return new Response(200, BodyKind.WRITER, Objects.requireNonNull(writer, "writer"), contentType);
    }

    /** A redirect ({@code 307 Temporary Redirect}) to {@code location}. */
    public static Response redirect(String location) {
        return status(307).header("Location", location);
    }

    /** Sets the status code. */
    public Response withStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be 100..599, got " + status);
        }
        this.status = status;
        return this;
    }

    /** Adds a header (several headers may share a name). */
    public Response header(String name, String value) {
        headers.add(Objects.requireNonNull(name, "name"));
        headers.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Adds a {@code Set-Cookie} header for {@code name=value} with {@code Path=/; HttpOnly}. */
    public Response cookie(String name, String value) {
        return header("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly");
    }

    /** Sets the {@code Content-Type} of the body. */
    public Response contentType(String contentType) {
        this.contentType = contentType;
        return this;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equalsIgnoreCase(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }

    /** The headers as a flat list {@code name0, value0, name1, value1, ...}; read-only. */
    public List<String> headerList() {
        return Collections.unmodifiableList(headers);
    }

    /** The body's content type, or null. */
    public String contentType() {
        return contentType;
    }

    /** What {@link #body()} holds. */
    public BodyKind bodyKind() {
        return kind;
    }

    /** The body: see {@link BodyKind}. */
    public Object body() {
        return body;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + kind + "]";
    }
}
