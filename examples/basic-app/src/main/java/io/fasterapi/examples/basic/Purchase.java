package io.fasterapi.examples.basic;

/** The answer to a successful purchase: the stock left. */
public record Purchase(boolean ok, int remaining) {
}
