package io.fasterapi.examples.basic;

/** A customer. */
public record User(int id, String name) {
}
