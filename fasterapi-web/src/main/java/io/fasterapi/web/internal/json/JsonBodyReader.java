package io.fasterapi.web.internal.json;

import io.fasterapi.web.internal.errors.RequestValidationException;
import io.fasterapi.web.internal.errors.ValidationError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Parses a request body into a JSON tree; malformed JSON is FastAPI's 422 {@code json_invalid}
 * error located at {@code ["body", offset]}. Any thread.
 */
public final class JsonBodyReader {
    private JsonBodyReader() {
    }

    /** The tree of {@code body}; throws {@link RequestValidationException} when it is not JSON. */
    public static JsonNode readTree(ByteBuf body) {
        try {
            if (body.hasArray()) {
                return JsonCodec.mapper().readTree(body.array(), body.arrayOffset() + body.readerIndex(),
                        body.readableBytes());
            }
            return JsonCodec.mapper().readTree(new ByteBufInputStream(body.duplicate()));
        } catch (JacksonException e) {
            throw invalid(e);
        }
    }

    private static RequestValidationException invalid(JacksonException e) {
        TokenStreamLocation where = e.getLocation();
        long offset = where == null ? 0 : Math.max(0, where.getCharOffset() >= 0 ? where.getCharOffset()
                : where.getByteOffset());
        String reason = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input")
                ? "Expecting value" : "Expecting value";
        if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("was expecting double-quote")) {
            reason = "Expecting property name enclosed in double quotes";
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("was expecting comma")) {
            reason = "Expecting ',' delimiter";
        }
        return new RequestValidationException(List.of(new ValidationError("json_invalid",
                List.of("body", offset), "JSON decode error", Map.of(), Map.of("error", reason))));
    }
}
