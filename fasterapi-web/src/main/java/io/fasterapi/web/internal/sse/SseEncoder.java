package io.fasterapi.web.internal.sse;

import io.fasterapi.web.ServerSentEvent;
import tools.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Frames a {@link ServerSentEvent} as the {@code text/event-stream} format wants it: {@code event:},
 * {@code id:}, {@code retry:} lines, one {@code data:} line per line of the data (CR, LF and CRLF
 * all end a line), and a blank line ending the event. Stateless; any thread.
 */
final class SseEncoder {
    static final ByteBuffer KEEP_ALIVE = ByteBuffer.wrap(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8))
            .asReadOnlyBuffer();

    private SseEncoder() {
    }

    static ByteBuffer encode(ServerSentEvent e, JsonMapper json) {
        StringBuilder b = new StringBuilder(64);
        if (e.commentText() != null) {
            return utf8(b.append(": ").append(e.commentText()).append("\n\n"));
        }
        if (e.event() != null) {
            b.append("event: ").append(e.event()).append('\n');
        }
        if (e.id() != null) {
            b.append("id: ").append(e.id()).append('\n');
        }
        if (e.retry() != null) {
            b.append("retry: ").append(e.retry().toMillis()).append('\n');
        }
        String data = e.data() instanceof String s ? s : json.writeValueAsString(e.data());
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '\n' || c == '\r') {
                b.append("data: ").append(data, start, i).append('\n');
                if (c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        b.append("data: ").append(data, start, data.length()).append("\n\n");
        return utf8(b);
    }

    private static ByteBuffer utf8(CharSequence s) {
        return ByteBuffer.wrap(s.toString().getBytes(StandardCharsets.UTF_8));
    }
}
