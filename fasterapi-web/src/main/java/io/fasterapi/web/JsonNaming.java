package io.fasterapi.web;

/**
 * How an app names the JSON properties of its records and classes, the way a pydantic model's
 * {@code alias_generator} ({@code to_snake}, {@code to_pascal}) names its fields: one policy for the
 * whole app, set with {@link App#jsonNaming(JsonNaming)}, applied alike to request bodies, responses
 * (response models included), the {@code loc} of a body field's 422 error, and the property names and
 * {@code required} lists of the OpenAPI document, so that what the document promises is what the
 * server reads and writes.
 *
 * {@snippet :
 * public record Item(String itemName, double unitPrice) {}
 *
 * public class ItemRoutes {
 *     @Post("/items")
 *     public Item create(@Body Item item) { // reads and answers {"item_name": ..., "unit_price": ...}
 *         return item;
 *     }
 * }
 *
 * App app = App.create().jsonNaming(JsonNaming.SNAKE_CASE).include(new ItemRoutes());
 * }
 *
 * <p>A name given with Jackson's {@code @JsonProperty("...")} is kept as written, as pydantic's
 * {@code Field(alias=...)} wins over its alias generator. The policy renames JSON properties only:
 * path, query, header, cookie and form parameters keep the names their handler gives them (FastAPI
 * names them after the function's parameters, which no alias generator touches), settings read
 * their environment variables as before, and maps keep their keys.
 */
public enum JsonNaming {
    /** The Java names as declared: a component {@code itemName} is {@code "itemName"} (the default). */
    AS_DECLARED,
    /** snake_case, pydantic's {@code to_snake}: {@code itemName} is {@code "item_name"}. */
    SNAKE_CASE,
    /** kebab-case: {@code itemName} is {@code "item-name"}. */
    KEBAB_CASE,
    /** PascalCase, pydantic's {@code to_pascal}: {@code itemName} is {@code "ItemName"}. */
    PASCAL_CASE
}
