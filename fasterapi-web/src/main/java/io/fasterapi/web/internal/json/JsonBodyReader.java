package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.errors.RequestValidationException;
import io.fasterapi.web.internal.errors.ValidationError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufUtil;
import io.fasterapi.web.HttpException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a request body into a JSON tree; malformed JSON is FastAPI's 422 {@code json_invalid} error
 * with Python's message in {@code ctx.error} and its code-point position in
 * {@code loc: ["body", pos]} ({@link PythonJsonSyntax}); bytes that are not UTF-8 are FastAPI's 400
 * {@code "There was an error parsing the body"}; and a body
 * nested deeper than {@link io.fasterapi.web.ServerOptions#maxJsonNestingDepth()}: the parser stops
 * at the first level too deep, before building anything, so a hostile body costs no stack. One per
 * server; any thread.
 */
public final class JsonBodyReader {
    private final JsonMapping mapping;
    private final int maxNestingDepth;
    private volatile Mappers mappers; // built with the first body: an app that reads none never loads databind

    // Python's json.loads, FastAPI's parser, reads NaN, Infinity and -Infinity; Jackson reads them
    // (and spellings Python refuses, like -INF) only with nonNumericNumbers, used for a body the strict one
    // refused and Python's syntax accepted: the valid-body path parses once, as before.
    private record Mappers(JsonMapper strict, JsonMapper nonNumericNumbers) {
    }

    /** A reader of trees nested at most {@code maxNestingDepth} deep, for an app whose JSON is {@code mapping}. */
    public JsonBodyReader(JsonMapping mapping, int maxNestingDepth) {
        this.mapping = mapping;
        this.maxNestingDepth = maxNestingDepth;
    }

    private Mappers mappers() {
        Mappers m = mappers;
        if (m == null) { // two threads racing build equal mappers
            m = new Mappers(JsonCodec.bodyMapper(maxNestingDepth, false), JsonCodec.bodyMapper(maxNestingDepth, true));
            mappers = m;
        }
        return m;
    }

    /** The app's JSON, which maps a tree this reader read to a value ({@code request.json(type)}). */
    public JsonMapping mapping() {
        return mapping;
    }

    /** The tree of {@code body}; throws {@link RequestValidationException} when it is not JSON. */
    public JsonNode readTree(ByteBuf body) {
        Mappers m = mappers();
        try {
            return parse(m.strict(), body);
        } catch (StreamConstraintsException e) {
            throw tooDeep(e, body);
        } catch (JacksonException e) {
            if (pythonAccepts(body)) {
                try {
                    return parse(m.nonNumericNumbers(), body);
                } catch (StreamConstraintsException deep) {
                    throw tooDeep(deep, body);
                } catch (JacksonException stillRefused) {
                    // answered below from the first parse, as any body Jackson refuses
                }
            }
            throw invalid(e, body);
        }
    }

    private static JsonNode parse(JsonMapper m, ByteBuf body) {
        JsonNode tree = body.hasArray()
                ? m.readTree(body.array(), body.arrayOffset() + body.readerIndex(), body.readableBytes())
                : m.readTree(new ByteBufInputStream(body.duplicate()));
        if (tree.isMissingNode()) {
            throw invalid(null, body); // only whitespace: Python expects a value at its end
        }
        return tree;
    }

    private RuntimeException tooDeep(StreamConstraintsException e, ByteBuf body) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("epth")) {
            TokenStreamLocation where = e.getLocation();
            long offset = where == null ? 0 : Math.max(0, where.getCharOffset() >= 0 ? where.getCharOffset()
                    : where.getByteOffset());
            return invalid(offset, "JSON nested deeper than the maximum nesting depth of " + maxNestingDepth);
        }
        return invalid(e, body);
    }

    // Whether Python's json module reads the body (UTF-8, a BOM skipped) without an error.
    private static boolean pythonAccepts(ByteBuf body) {
        String text = utf8(body);
        return text != null && PythonJsonSyntax.firstError(text) == null;
    }

    private static String utf8(ByteBuf body) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    // Python's json module reads the bytes as UTF-8 (a BOM skipped) and reports the first error with
    // its message and code-point position; bytes that are not UTF-8 are not a JSONDecodeError there,
    // and FastAPI answers them 400 "There was an error parsing the body" (fastapi/routing.py).
    private static RuntimeException invalid(JacksonException e, ByteBuf body) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException notUtf8) {
            return new HttpException(400, "There was an error parsing the body");
        }
        PythonJsonSyntax.Error python = PythonJsonSyntax.firstError(text);
        if (python != null) {
            return invalid(python.pos(), python.msg());
        }
        return invalid(codePointsBefore(bytes, from, jacksonByteOffset(e, bytes.length)), "Expecting value");
    }

    private static long jacksonByteOffset(JacksonException e, int length) {
        TokenStreamLocation where = e == null ? null : e.getLocation();
        long offset = where == null ? 0 : where.getByteOffset();
        return Math.clamp(offset, 0, length);
    }

    // UTF-8 continuation bytes (10xxxxxx) add no code point.
    private static int codePointsBefore(byte[] bytes, int from, long end) {
        int n = 0;
        for (int i = from; i < end; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                n++;
            }
        }
        return n;
    }

    private static RequestValidationException invalid(long offset, String reason) {
        return new RequestValidationException(List.of(new ValidationError("json_invalid",
                List.of("body", offset), "JSON decode error", Map.of(), Map.of("error", reason))));
    }
}
