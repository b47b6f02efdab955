package io.fasterapi.examples.basic;

/**
 * An item for sale as the API answers it, with the id the database assigned (FastAPI's tutorial's
 * {@code Item}); clients send an {@link ItemCreate}.
 */
public record Item(int id, String name, double price) {
}
