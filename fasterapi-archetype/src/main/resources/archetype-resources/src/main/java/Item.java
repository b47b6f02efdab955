package ${package};

/** An item as the server returns it. */
public record Item(long id, String name, double price) {
}
