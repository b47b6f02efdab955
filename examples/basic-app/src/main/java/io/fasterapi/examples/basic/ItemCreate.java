package io.fasterapi.examples.basic;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;

/**
 * A new item as a client sends it: the seed's pydantic model without the id, which the server
 * assigns (FastAPI's tutorial's {@code ItemCreate}); validated, a bad one is answered 422. The
 * price's constraints are the column's, {@code numeric(12,2)} with {@code CHECK (price >= 0.01)}
 * ({@link ShopSchema}): at least a cent, at most two decimals (so 0.001 is refused rather than
 * stored as 0.00) and ten integer digits. JSON bodies and the CSV import ({@link ItemCsv}) are
 * checked against them alike.
 */
public record ItemCreate(@NotBlank String name, @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) double price) {
}
