package io.fasterapi.examples.secure;

/** An item of the current user (FastAPI's tutorial answers {@code [{"item_id": "Foo", "owner": ...}]}). */
public record OwnedItem(String item_id, String owner) {
}
