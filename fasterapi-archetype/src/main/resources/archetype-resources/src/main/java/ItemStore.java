package ${package};

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Items in memory; replace it with a table once DATABASE_URL is set (see DatabaseRoutes). */
public final class ItemStore {
    private final ConcurrentSkipListMap<Long, Item> items = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();

    public Item add(ItemCreate item) {
        Item created = new Item(ids.incrementAndGet(), item.name(), item.price());
        items.put(created.id(), created);
        return created;
    }

    public Optional<Item> find(long id) {
        return Optional.ofNullable(items.get(id));
    }

    public List<Item> all() {
        return List.copyOf(items.values());
    }
}
