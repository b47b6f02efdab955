package io.fasterapi.examples.basic;

/** One purchase of one item by one user. */
public record Order(int id, int userId, int itemId) {
}
