package io.fasterapi.web;

import tools.jackson.databind.json.JsonMapper;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A response received by {@link TestClient}: status, headers and the whole body. Immutable. */
public final class TestResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private final JsonMapper json;

    TestResponse(int status, HttpHeaders headers, byte[] body, JsonMapper json) {
        this.json = json;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The first value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** Every value of header {@code name}. */
    public List<String> headers(String name) {
        return headers.allValues(name);
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body's bytes. */
    public byte[] bytes() {
        return body.clone();
    }

    /**
     * The body decoded from JSON into {@code type} (a record, {@code Map}, {@code JsonNode}...), its
     * properties named as the app names them ({@link App#jsonNaming}).
     */
    public <T> T json(Class<T> type) {
        return json.readValue(body, type);
    }

    @Override
    public String toString() {
        return status + " " + text();
    }
}
