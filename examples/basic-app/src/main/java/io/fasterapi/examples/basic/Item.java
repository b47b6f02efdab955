package io.fasterapi.examples.basic;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;

/**
 * An item for sale: the seed's pydantic model, as a validated record. The price's constraints are
 * the column's, {@code numeric(12,2)} with {@code CHECK (price >= 0.01)} ({@link ShopSchema}): at
 * least a cent, at most two decimals (so 0.001 is refused rather than stored as 0.00) and ten
 * integer digits. JSON bodies and the CSV import ({@link ItemCsv}) are checked against them alike.
 */
public record Item(int id, @NotBlank String name,
        @DecimalMin("0.01") @Digits(integer = 10, fraction = 2) double price) {
}
