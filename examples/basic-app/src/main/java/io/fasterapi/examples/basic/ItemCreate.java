package io.fasterapi.examples.basic;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/**
 * A new item as a client sends it: the seed's pydantic model without the id, which the server
 * assigns (FastAPI's tutorial's {@code ItemCreate}); validated, a bad one is answered 422.
 */
public record ItemCreate(@NotBlank String name, @Positive double price) {
}
