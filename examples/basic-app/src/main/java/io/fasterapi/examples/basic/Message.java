package io.fasterapi.examples.basic;

/**
 * The body of an error the routes answer themselves, {@code {"detail": "Item not found"}}: what
 * {@link io.fasterapi.web.HttpException} sends, declared on the routes' 404 and 409 responses so
 * generated clients read it as such (and not as a validation error).
 */
public record Message(String detail) {
}
