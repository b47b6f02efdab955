package io.fasterapi.examples.basic;

import io.fasterapi.core.Future;
import io.fasterapi.pg.CopyIn;
import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.TxIsolation;
import io.fasterapi.web.ApiResponse;
import io.fasterapi.web.Body;
import io.fasterapi.web.Get;
import io.fasterapi.web.HttpException;
import io.fasterapi.web.PgResponses;
import io.fasterapi.web.Post;
import io.fasterapi.web.Produces;
import io.fasterapi.web.Query;
import io.fasterapi.web.Response;
import io.fasterapi.web.Status;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** The seed's routes, in Java: items, bulk COPY import, purchase with retries, CSV export, async reads. */
public final class ShopRoutes {
    static final PreparedQuery ITEM_BY_ID = PreparedQuery.of("SELECT id, name, price FROM items WHERE id = $1");

    /** Thrown inside the purchase transaction; rolls it back and becomes a 409. */
    static final class OutOfStock extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfStock() {
            super("out_of_stock", null, false, false);
        }
    }

    @Get("/items/{itemId}")
    @ApiResponse(status = 404, model = Message.class, description = "Item not found")
    public Item getItem(int itemId, Pg pg) {
        return pg.run(ITEM_BY_ID, itemId).first(Item.class)
                .orElseThrow(() -> new HttpException(404, "Item not found"));
    }

    /** Stores a new item; the database assigns its id. */
    @Post("/items")
    @Status(201)
    public Item create(@Body @Valid ItemCreate item, Pg pg) {
        return pg.exec("INSERT INTO items(name, price) VALUES ($1, $2) RETURNING id, name, price", item.name(), item.price())
                .one(Item.class);
    }

    /**
     * CSV lines {@code name,price} streamed into COPY while they arrive (the body is never held
     * whole: any size works, in bounded memory); answers how many rows were loaded. Each row is
     * checked as an {@link Item}, with the constraints of a JSON body ({@link ItemCsv}): a bad row
     * answers FastAPI's 422 and loads nothing; a client that hangs up mid-body loads nothing either.
     * The {@link Validator} is the framework's own, the one that checks JSON bodies.
     */
    @Post("/items/bulk")
    @ApiResponse(status = 400, model = Message.class, description = "A row is not valid for the table: nothing loaded")
    public Map<String, Long> bulkImport(@Body(mediaType = "text/csv") InputStream csv, Pg pg, Validator validator) {
        CopyIn pipe = pg.copyIn("COPY items(name, price) FROM STDIN CSV");
        try {
            ItemCsv.copy(csv, pipe, validator);
            return Map.of("rows", pipe.finish());
        } catch (RuntimeException e) {
            pipe.abort("the CSV was refused"); // what was written is discarded (a no-op once finish failed)
            throw e;
        }
    }

    /** A serializable transaction, retried up to 3 times on serialization failures and deadlocks. */
    @Post("/purchase")
    @ApiResponse(status = 404, model = Message.class, description = "Item not found")
    @ApiResponse(status = 409, model = Message.class, description = "Out of stock")
    public Purchase purchase(@Query("user_id") int userId, @Query("item_id") int itemId, Pg pg) {
        try {
            return pg.tx(TxIsolation.SERIALIZABLE, 3, tx -> {
                Integer qty = tx.exec("SELECT qty FROM stock WHERE item_id = $1 FOR UPDATE", itemId).first(Integer.class)
                        .orElseThrow(() -> new HttpException(404, "Item not found"));
                if (qty <= 0) {
                    throw new OutOfStock();
                }
                tx.exec("UPDATE stock SET qty = qty - 1 WHERE item_id = $1", itemId);
                tx.exec("INSERT INTO orders(user_id, item_id) VALUES ($1, $2)", userId, itemId);
                return new Purchase(true, qty - 1);
            });
        } catch (OutOfStock e) {
            throw new HttpException(409, "out_of_stock");
        }
    }

    /** COPY OUT streamed to the client as a download; never buffered whole. */
    @Get("/items.csv")
    @Produces("text/csv")
    public Response export(Pg pg) {
        return PgResponses.copyOut(pg, "COPY (SELECT id, name, price FROM items ORDER BY id) TO STDOUT CSV HEADER", "items.csv");
    }

    /** Asynchronous: runs on the request's event loop, the query on that core's pool shard. */
    @Get("/user/{id}")
    @ApiResponse(status = 404, model = Message.class, description = "User not found")
    public Future<User> user(int id, PgPool pool) {
        return pool.execAsync("SELECT id, name FROM users WHERE id = $1", id)
                .map(r -> r.first(User.class).orElseThrow(() -> new HttpException(404, "User not found")));
    }

    /** Two queries at once, joined with whenAll. */
    @Get("/summary")
    @ApiResponse(status = 404, model = Message.class, description = "User not found")
    public Future<Summary> summary(@Query("user_id") int userId, PgPool pool) {
        Future<User> user = pool.execAsync("SELECT id, name FROM users WHERE id = $1", userId)
                .map(r -> r.first(User.class).orElseThrow(() -> new HttpException(404, "User not found")));
        Future<List<Order>> orders = pool.execAsync(
                "SELECT id, user_id, item_id FROM orders WHERE user_id = $1 ORDER BY id", userId).map(r -> r.as(Order.class));
        return Future.whenAll(user, orders).map(both -> new Summary((User) both.get(0), orders.valueNow()));
    }

    /** Explicit chaining: fetch, then process, then respond, each step a continuation on the loop. */
    @Get("/fast")
    public Future<Map<String, Object>> fast(PgPool pool) {
        return pool.execAsync("SELECT count(*) AS items, coalesce(sum(price), 0) AS total FROM items")
                .map(r -> r.one())
                .map(row -> Map.<String, Object>of("items", row.getLong(0), "total", row.getBigDecimal(1)));
    }
}
