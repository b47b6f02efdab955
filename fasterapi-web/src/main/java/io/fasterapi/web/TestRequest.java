package io.fasterapi.web;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One request for {@link TestClient#request}, built as Starlette's {@code TestClient} takes keyword
 * arguments ({@code params=}, {@code headers=}, {@code cookies=}, {@code json=}, {@code data=},
 * {@code files=}, {@code follow_redirects=}), then {@link #send()}. Values are encoded for you:
 * query parameters percent-encoded, forms as {@code application/x-www-form-urlencoded}, files as
 * {@code multipart/form-data}.
 *
 * {@snippet :
 * TestResponse token = client.request("POST", "/token")
 *         .form("username", "alice").form("password", "wonderland")
 *         .send();
 * TestResponse items = client.request("GET", "/items")
 *         .query("q", "blue widgets").query("tag", "a").query("tag", "b")
 *         .header("Authorization", "Bearer " + token.json(Token.class).accessToken())
 *         .send();
 * }
 *
 * <p>One body kind per request: {@code json}, {@code form} (fields alone), {@code file} (fields and
 * files, multipart) or {@code body}. Unlike Starlette's client, redirects are not followed unless
 * {@link #followRedirects} says so, so a test sees the 307 it may be checking. Use from one thread.
 */
public final class TestRequest {
    private final TestClient client;
    private final String method;
    private final String path;
    private final StringBuilder query = new StringBuilder();
    private final List<String> headers = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();
    private final List<String[]> fields = new ArrayList<>();
    private final List<Object[]> files = new ArrayList<>();
    private byte[] body;
    private String contentType;
    private boolean followRedirects;

    TestRequest(TestClient client, String method, String path) {
        this.client = client;
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Adds query parameter {@code name}; repeat it for a list ({@code ?tag=a&tag=b}). */
    public TestRequest query(String name, Object value) {
        query.append(query.isEmpty() && !path.contains("?") ? '?' : '&')
                .append(encode(name)).append('=').append(encode(String.valueOf(value)));
        return this;
    }

    /** Adds a header; repeat it for several values. */
    public TestRequest header(String name, String value) {
        headers.add(Objects.requireNonNull(name, "name"));
        headers.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Sends cookie {@code name} with this request, beside those the client keeps from earlier answers. */
    public TestRequest cookie(String name, String value) {
        cookies.add(name + "=" + value);
        return this;
    }

    /** The body: {@code value} as JSON ({@code json=}). */
    public TestRequest json(Object value) {
        return body(client.writeJson(value), "application/json");
    }

    /** Adds a form field ({@code data=}); sent urlencoded, or as a part when files are added too. */
    public TestRequest form(String name, String value) {
        fields.add(new String[] {Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")});
        return this;
    }

    /** Adds a file ({@code files=}): the body becomes {@code multipart/form-data}. */
    public TestRequest file(String field, String filename, String contentType, byte[] content) {
        files.add(new Object[] {field, filename, contentType, content.clone()});
        return this;
    }

    /** The body: these bytes with this content type (null for none). */
    public TestRequest body(byte[] bytes, String contentType) {
        this.body = bytes.clone();
        this.contentType = contentType;
        return this;
    }

    /** Follows redirects (GET to the new location, as a browser does for 301/302/303; 307/308 keep the method). */
    public TestRequest followRedirects(boolean follow) {
        this.followRedirects = follow;
        return this;
    }

    /** Sends the request and waits for the whole response. */
    public TestResponse send() {
        byte[] payload = body;
        String type = contentType;
        if (!files.isEmpty()) {
            String boundary = "----fasterapi-" + UUID.randomUUID();
            payload = multipart(boundary);
            type = "multipart/form-data; boundary=" + boundary;
        } else if (!fields.isEmpty()) {
            payload = urlencoded();
            type = "application/x-www-form-urlencoded";
        }
        if (payload != null && body != null && payload != body) {
            throw new IllegalStateException("a request has one body: json/body, or form fields and files");
        }
        List<String> all = new ArrayList<>(headers);
        if (!cookies.isEmpty()) {
            all.add("Cookie");
            all.add(String.join("; ", cookies));
        }
        return client.send(method, path + query, payload, type, followRedirects, all.toArray(new String[0]));
    }

    private byte[] urlencoded() {
        StringBuilder b = new StringBuilder();
        for (String[] f : fields) {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(encode(f[0])).append('=').append(encode(f[1]));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] multipart(String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String[] f : fields) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote(f[0]) + "\"\r\n\r\n"
                    + f[1] + "\r\n");
        }
        for (Object[] f : files) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quote((String) f[0])
                    + "\"; filename=\"" + quote((String) f[1]) + "\"\r\nContent-Type: " + f[2] + "\r\n\r\n");
            out.writeBytes((byte[]) f[3]);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    /** A name in a Content-Disposition: quotes and line breaks percent-encoded, as browsers (and httpx) do. */
    private static String quote(String s) {
        return s.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
