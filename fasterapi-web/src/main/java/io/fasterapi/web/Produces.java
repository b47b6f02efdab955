package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The media type of a route method's success response, FastAPI's {@code response_class=}: a method
 * returning a {@code String} is answered as JSON (a JSON string, as FastAPI answers a {@code str})
 * unless it declares a media type that is not JSON, such as {@code @Produces("text/plain")}
 * ({@code response_class=PlainTextResponse}) or {@code @Produces("text/html")}
 * ({@code HTMLResponse}): its {@code String} (or {@code byte[]}) is then sent as it is, with that
 * {@code Content-Type} ({@code ; charset=utf-8} added to a {@code text/*} type that names none).
 * OpenAPI documents the media type, a type that is not JSON with the schema
 * {@code {"type": "string"}}; a method returning a {@link Response} is otherwise documented as JSON
 * of any shape.
 *
 * {@snippet :
 * @Get("/hello")
 * @Produces("text/plain")
 * public String hello() {
 *     return "Hello, World!"; // text/plain; charset=utf-8, where it would be the JSON "\"Hello, World!\""
 * }
 * }
 *
 * {@snippet :
 * @Get("/items.csv")
 * @Produces("text/csv")
 * public Response export(Pg pg) {
 *     return PgResponses.copyOut(pg, "COPY items TO STDOUT CSV HEADER", "items.csv");
 * }
 * }
 *
 * <p>A returned {@code Response} keeps the {@code Content-Type} it carries: there the annotation only
 * documents. Lambda routes say the same with {@link RouteInfo#withResponseMediaType}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Produces {
    /** The media type, for example {@code "text/csv"}. */
    String value();
}
