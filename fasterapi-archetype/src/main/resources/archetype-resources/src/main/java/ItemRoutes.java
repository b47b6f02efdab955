package ${package};

import io.fasterapi.web.Body;
import io.fasterapi.web.Get;
import io.fasterapi.web.HttpException;
import io.fasterapi.web.Post;
import io.fasterapi.web.Status;
import jakarta.validation.Valid;
import java.util.List;

/** The item routes: typed parameters, a validated body, the return type as the response model. */
public final class ItemRoutes {
    private final ItemStore store;

    public ItemRoutes(ItemStore store) {
        this.store = store;
    }

    @Get("/items")
    public List<Item> list() {
        return store.all();
    }

    @Get("/items/{itemId}")
    public Item get(long itemId) {
        return store.find(itemId).orElseThrow(() -> new HttpException(404, "Item not found"));
    }

    @Post("/items") @Status(201)
    public Item create(@Body @Valid ItemCreate item) {
        return store.add(item);
    }
}
