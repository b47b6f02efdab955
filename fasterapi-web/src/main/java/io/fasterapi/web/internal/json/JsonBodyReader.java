package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.errors.RequestValidationException;
import io.fasterapi.web.internal.errors.ValidationError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a request body into a JSON tree; malformed JSON (bytes that are not UTF-8 included) is
 * FastAPI's 422 {@code json_invalid} error located at {@code ["body", offset]}, and so is a body
 * nested deeper than {@link io.fasterapi.web.ServerOptions#maxJsonNestingDepth()}: the parser stops
 * at the first level too deep, before building anything, so a hostile body costs no stack. One per
 * server; any thread.
 */
public final class JsonBodyReader {
    private final JsonMapper mapper;
    private final int maxNestingDepth;

    public JsonBodyReader(int maxNestingDepth) {
        this.mapper = JsonCodec.mapperWithMaxDepth(maxNestingDepth);
        this.maxNestingDepth = maxNestingDepth;
    }

    /** The tree of {@code body}; throws {@link RequestValidationException} when it is not JSON. */
    public JsonNode readTree(ByteBuf body) {
        try {
            if (body.hasArray()) {
                return mapper.readTree(body.array(), body.arrayOffset() + body.readerIndex(), body.readableBytes());
            }
            return mapper.readTree(new ByteBufInputStream(body.duplicate()));
        } catch (StreamConstraintsException e) {
            String m = String.valueOf(e.getOriginalMessage());
            throw invalid(e, m.contains("epth") ? "JSON nested deeper than the maximum nesting depth of "
                    + maxNestingDepth : reason(e));
        } catch (JacksonException e) {
            throw invalid(e, reason(e));
        }
    }

    // The reasons of Python's json module, which FastAPI's json_invalid errors carry.
    private static String reason(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m != null && m.contains("was expecting double-quote")) {
            return "Expecting property name enclosed in double quotes";
        }
        if (m != null && m.contains("was expecting comma")) {
            return "Expecting ',' delimiter";
        }
        return "Expecting value";
    }

    private static RequestValidationException invalid(JacksonException e, String reason) {
        TokenStreamLocation where = e.getLocation();
        long offset = where == null ? 0 : Math.max(0, where.getCharOffset() >= 0 ? where.getCharOffset()
                : where.getByteOffset());
        return new RequestValidationException(List.of(new ValidationError("json_invalid",
                List.of("body", offset), "JSON decode error", Map.of(), Map.of("error", reason))));
    }
}
