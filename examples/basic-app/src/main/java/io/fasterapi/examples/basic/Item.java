package io.fasterapi.examples.basic;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/** An item for sale: the seed's pydantic model, as a validated record. */
public record Item(int id, @NotBlank String name, @Positive double price) {
}
