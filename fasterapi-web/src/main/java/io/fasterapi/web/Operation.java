package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a route method is documented in OpenAPI, FastAPI's path-operation arguments {@code summary=},
 * {@code description=}, {@code operation_id=}, {@code tags=} and {@code include_in_schema=}. An empty
 * string is "not declared": the summary is then derived from the method's name ({@code readItem} →
 * {@code "Read Item"}) and the operation id is {@code readItem_items__itemId__get}, as FastAPI does.
 * Java's own {@link Deprecated @Deprecated} on the method marks the operation deprecated.
 *
 * {@snippet :
 * @Get("/items/{itemId}")
 * @Operation(summary = "Read an item", description = "The item with this id, **as stored**.", tags = "items")
 * @ApiResponse(status = 404, model = Message.class, description = "No item has this id")
 * public Item readItem(int itemId, Pg pg) { ... }
 * }
 *
 * <p>Lambda routes say the same with {@link RouteInfo}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Operation {
    /** The one-line summary; empty: the method's name as words. */
    String summary() default "";

    /** The longer description, Markdown allowed; empty: none. */
    String description() default "";

    /** The operation id, unique in the app (generated clients name their methods after it); empty: generated. */
    String operationId() default "";

    /** Tags added to those of the router the route is included with. */
    String[] tags() default {};

    /** False leaves the operation out of OpenAPI; it is still served. */
    boolean includeInSchema() default true;
}
