package io.fasterapi.examples.basic;

import java.util.List;

/** A user and their orders, fetched by two queries running at once. */
public record Summary(User user, List<Order> orders) {
}
