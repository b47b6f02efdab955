package io.fasterapi.web.internal.form;

import io.fasterapi.web.FormData;
import io.fasterapi.web.UploadFile;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A request's form, decoded once: the parts of a {@link MultipartRequest}, or the fields of an
 * {@code application/x-www-form-urlencoded} body (at most 1,024, Netty's default), or nothing.
 * Confined to the thread handling the request.
 */
public final class ParsedForm implements FormData {
    private static final ParsedForm EMPTY = new ParsedForm(Map.of(), Map.of(), Set.of());

    private final Map<String, List<String>> values;
    private final Map<String, List<UploadFile>> files;
    private final Set<String> names;

    private ParsedForm(Map<String, List<String>> values, Map<String, List<UploadFile>> files, Set<String> names) {
        this.values = values;
        this.files = files;
        this.names = names;
    }

    /** The form of {@code request}; empty when its body is no form. */
    public static ParsedForm of(FullHttpRequest request) {
        if (request instanceof MultipartRequest multipart) {
            return ofParts(multipart.parts());
        }
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (type != null && type.regionMatches(true, 0, "application/x-www-form-urlencoded", 0, 33)
                && request.content().isReadable()) {
            Map<String, List<String>> fields = new QueryStringDecoder(
                    request.content().toString(StandardCharsets.UTF_8), StandardCharsets.UTF_8, false).parameters();
            return new ParsedForm(fields, Map.of(), new LinkedHashSet<>(fields.keySet()));
        }
        return EMPTY;
    }

    private static ParsedForm ofParts(List<InterfaceHttpData> parts) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, List<UploadFile>> files = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (InterfaceHttpData part : parts) {
            names.add(part.getName());
            if (part instanceof FileUpload upload) {
                files.computeIfAbsent(part.getName(), k -> new ArrayList<>(1)).add(new NettyUploadFile(upload));
            } else if (part instanceof Attribute attribute) {
                try {
                    values.computeIfAbsent(part.getName(), k -> new ArrayList<>(1)).add(attribute.getValue());
                } catch (IOException e) {
                    throw new UncheckedIOException("reading form field " + part.getName() + " failed", e);
                }
            }
        }
        return new ParsedForm(values, files, names);
    }

    @Override
    public Optional<String> value(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    @Override
    public List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    @Override
    public Optional<UploadFile> file(String name) {
        List<UploadFile> f = files.get(name);
        return f == null || f.isEmpty() ? Optional.empty() : Optional.of(f.get(f.size() - 1));
    }

    @Override
    public List<UploadFile> files(String name) {
        return files.getOrDefault(name, List.of());
    }

    @Override
    public Set<String> names() {
        return names;
    }
}
