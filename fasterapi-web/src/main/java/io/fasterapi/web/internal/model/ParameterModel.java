package io.fasterapi.web.internal.model;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * One handler parameter as the binding plan sees it, kept read-only for tooling (OpenAPI).
 *
 * @param name the name on the wire (query key, header name as sent, path variable)
 * @param source where the value comes from
 * @param type the declared Java type (generic)
 * @param required whether a missing value is a 422
 * @param defaultValue the {@code @DefaultValue} text, or null
 * @param constraints the Jakarta Validation annotations on the parameter
 * @param mediaType the media type documented for a streamed body ({@code @Body(mediaType)}), or null
 * @param scopes the OAuth2 scopes a dependency parameter requires ({@code @Security(scopes)}); empty otherwise
 */
public record ParameterModel(String name, ParamSource source, Type type, boolean required, String defaultValue,
                             List<Annotation> constraints, String mediaType, List<String> scopes) {

    /** A parameter requiring no scopes. */
    public ParameterModel(String name, ParamSource source, Type type, boolean required, String defaultValue,
                          List<Annotation> constraints, String mediaType) {
        this(name, source, type, required, defaultValue, constraints, mediaType, List.of());
    }

    /** A parameter without a media type of its own. */
    public ParameterModel(String name, ParamSource source, Type type, boolean required, String defaultValue,
                          List<Annotation> constraints) {
        this(name, source, type, required, defaultValue, constraints, null, List.of());
    }

    /** The declared type's class: the raw class of a parameterized type, {@code Object} for a type variable. */
    public Class<?> rawType() {
        return type instanceof Class<?> c ? c : type instanceof ParameterizedType p ? (Class<?>) p.getRawType()
                : Object.class;
    }

    /** Whether this is the request body taken while it arrives: an {@code InputStream} or a byte publisher. */
    public boolean streamsBody() {
        return source == ParamSource.BODY && (type == InputStream.class || isBytePublisher(type));
    }

    /** Whether {@code type} is {@code Flow.Publisher<ByteBuffer>}. */
    public static boolean isBytePublisher(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Flow.Publisher.class
                && p.getActualTypeArguments()[0] == ByteBuffer.class;
    }
}
