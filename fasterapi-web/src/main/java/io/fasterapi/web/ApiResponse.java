package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A response a route method declares besides its success answer, documented in OpenAPI: FastAPI's
 * {@code responses={404: {"model": Message, "description": "Item not found"}}}. Repeatable, one per
 * status, in the order written. A route that binds parameters gets the 422 validation response by
 * itself; declaring 422 replaces it.
 *
 * {@snippet :
 * public record Message(String detail) {}      // the body HttpException(404, "Item not found") sends
 *
 * @Get("/items/{itemId}")
 * @ApiResponse(status = 404, model = Message.class, description = "Item not found")
 * public Item readItem(int itemId, Pg pg) { ... }
 * }
 *
 * <p>The body is documented as {@code application/json}, the media type every {@link HttpException}
 * is answered with (FastAPI would reuse the route's own media type: a CSV route's 404 would claim to
 * be CSV). Lambda routes declare the same with {@link RouteInfo#withResponse}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ApiResponses.class)
public @interface ApiResponse {
    /** The HTTP status. */
    int status();

    /** The body's type; {@code void.class} (the default): the response is documented without a body. */
    Class<?> model() default void.class;

    /** What the response means; empty: the status's reason phrase ({@code "Not Found"}), as FastAPI's default. */
    String description() default "";
}
