package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The media type of a route method's success response, as OpenAPI documents it: a method returning a
 * {@link Response} is otherwise documented as JSON of any shape. A media type that is not JSON is
 * documented with the schema {@code {"type": "string"}}, as FastAPI documents a
 * {@code response_class=} that is not JSON.
 *
 * {@snippet :
 * @Get("/items.csv")
 * @Produces("text/csv")
 * public Response export(Pg pg) {
 *     return PgResponses.copyOut(pg, "COPY items TO STDOUT CSV HEADER", "items.csv");
 * }
 * }
 *
 * <p>It documents; it does not convert: the answer's {@code Content-Type} is the one the handler's
 * {@code Response} carries. Lambda routes say the same with {@link RouteInfo#withResponseMediaType}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Produces {
    /** The media type, for example {@code "text/csv"}. */
    String value();
}
