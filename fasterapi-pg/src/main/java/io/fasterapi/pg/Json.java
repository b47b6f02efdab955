package io.fasterapi.pg;

import java.util.Objects;

/**
 * A JSON document as text, for {@code json} and {@code jsonb} columns and parameters. The driver
 * does not parse it: bring your own JSON library. A plain String works too; this type says "JSON"
 * where the difference matters (for example to a web layer that would otherwise quote it).
 * Immutable; any thread.
 *
 * {@snippet :
 * pg.exec("INSERT INTO events(payload) VALUES ($1)", Json.of("{\"kind\":\"click\"}"));
 * Json payload = row.get("payload", Json.class);
 * }
 *
 * @param text the JSON text, never null
 */
public record Json(String text) {
    public Json {
        Objects.requireNonNull(text, "text");
    }

    /** The JSON value with this text (not validated here; the server validates it). */
    public static Json of(String text) {
        return new Json(text);
    }

    /** The JSON text itself. */
    @Override
    public String toString() {
        return text;
    }
}
