package io.fasterapi.examples.basic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's app end to end: real server, real PostgreSQL, in a schema of its own. */
class BasicAppTest {
    static ShopDb db;
    static PgPool pool;
    static TestClient client;

    @BeforeAll
    static void start() {
        db = new ShopDb(BasicAppTest.class);
        pool = db.pool;
        client = TestClient.of(BasicApp.create(pool));
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    private static int scalar(String sql, Object... args) {
        try (Pg pg = pool.get()) {
            return pg.exec(sql, args).scalar(Number.class).intValue();
        }
    }

    @Test
    void helloAndVersion() {
        assertThat(client.get("/hello").json(Map.class)).isEqualTo(Map.of("message", "hello"));
        assertThat((String) client.get("/db/version").json(Map.class).get("version")).startsWith("PostgreSQL ");
    }

    @Test
    void getsAnItemOr404() {
        TestResponse r = client.get("/items/1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(Item.class)).isEqualTo(new Item(1, "Widget", 9.99));
        TestResponse missing = client.get("/items/999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json(Map.class)).isEqualTo(Map.of("detail", "Item not found"));
        assertThat(client.get("/items/abc").status()).isEqualTo(422);
    }

    @Test
    void createsAValidItemAndRejectsAnInvalidOneWith422() {
        TestResponse created = client.post("/items", new ItemCreate("Doohickey", 3.25));
        assertThat(created.status()).isEqualTo(201);
        Item item = created.json(Item.class);
        assertThat(item.name()).isEqualTo("Doohickey");
        assertThat(item.id()).as("assigned by the database").isPositive();
        assertThat(client.get("/items/" + item.id()).json(Item.class)).isEqualTo(item);
        TestResponse bad = client.post("/items", Map.of("name", "", "price", -1));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.text()).contains("\"loc\":[\"body\",\"name\"]").contains("\"loc\":[\"body\",\"price\"]");
    }

    @Test
    void bulkImportCopiesCsvAndABadLineLoadsNothing() {
        int before = scalar("SELECT count(*) FROM items");
        TestResponse ok = client.postRaw("/items/bulk", "text/csv", "Alpha,1.50\nBeta,2.25\nGamma,3.00\n".getBytes(StandardCharsets.UTF_8));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json(Map.class)).isEqualTo(Map.of("rows", 3));
        assertThat(scalar("SELECT count(*) FROM items")).isEqualTo(before + 3);
        TestResponse bad = client.postRaw("/items/bulk", "text/csv", "Delta,4.00\nEpsilon,not-a-price\n".getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isBetween(400, 599);
        assertThat(bad.text()).doesNotContain("COPY").doesNotContain("at ");
        assertThat(scalar("SELECT count(*) FROM items")).isEqualTo(before + 3);
    }

    private static int newItemWithStock(int qty) {
        int itemId = scalar("INSERT INTO items(name, price) VALUES ('Limited', 99) RETURNING id");
        try (Pg pg = pool.get()) {
            pg.exec("INSERT INTO stock(item_id, qty) VALUES ($1, $2)", itemId, qty);
        }
        return itemId;
    }

    @Test
    void purchasesUntilOutOfStockThen409() {
        int itemId = newItemWithStock(2);
        TestResponse first = client.post("/purchase?user_id=1&item_id=" + itemId, Map.of());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json(Purchase.class)).isEqualTo(new Purchase(true, 1));
        assertThat(client.post("/purchase?user_id=1&item_id=" + itemId, Map.of()).status()).isEqualTo(200);
        TestResponse soldOut = client.post("/purchase?user_id=1&item_id=" + itemId, Map.of());
        assertThat(soldOut.status()).isEqualTo(409);
        assertThat(soldOut.json(Map.class)).isEqualTo(Map.of("detail", "out_of_stock"));
        assertThat(scalar("SELECT count(*) FROM orders WHERE item_id = $1", itemId)).isEqualTo(2);
        assertThat(client.post("/purchase?user_id=1&item_id=999999", Map.of()).status()).isEqualTo(404);
    }

    /**
     * Twelve buyers at once for five units, each in a serializable transaction retried up to 3
     * times: whoever cannot get through in 3 retries is told 503 (try again), never oversold.
     */
    @Test
    void concurrentPurchasesNeverOversell() throws Exception {
        int itemId = newItemWithStock(5);
        // One purchase first, so the classes on this path are initialised before the buyers race
        // (a virtual thread waiting for another's class initialisation pins its carrier).
        assertThat(client.post("/purchase?user_id=1&item_id=" + itemId, Map.of()).status()).isEqualTo(200);
        AtomicInteger bought = new AtomicInteger(1);
        AtomicInteger soldOut = new AtomicInteger();
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<Thread> buyers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            buyers.add(Thread.ofVirtual().start(() -> {
                TestResponse r = client.post("/purchase?user_id=1&item_id=" + itemId, Map.of());
                if (r.status() == 200) {
                    bought.incrementAndGet();
                } else if (r.status() == 409 && r.json(Map.class).equals(Map.of("detail", "out_of_stock"))) {
                    soldOut.incrementAndGet();
                } else if (r.status() == 503 && !r.text().contains("SELECT")) {
                    busy.incrementAndGet();
                } else {
                    other.incrementAndGet();
                }
            }));
        }
        for (Thread t : buyers) {
            t.join();
        }
        assertThat(other.get()).isZero();
        assertThat(bought.get()).isBetween(2, 5);
        assertThat(bought.get() + soldOut.get() + busy.get()).isEqualTo(12);
        assertThat(scalar("SELECT qty FROM stock WHERE item_id = $1", itemId)).isEqualTo(5 - bought.get());
        assertThat(scalar("SELECT count(*) FROM orders WHERE item_id = $1", itemId)).isEqualTo(bought.get());
    }

    @Test
    void exportsItemsAsCsvDownload() {
        TestResponse r = client.get("/items.csv");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-disposition")).contains("attachment").contains("items.csv");
        String[] lines = r.text().split("\n");
        assertThat(lines[0]).isEqualTo("id,name,price");
        assertThat(lines[1]).isEqualTo("1,Widget,9.99");
        assertThat(lines.length - 1).isEqualTo(scalar("SELECT count(*) FROM items"));
    }

    @Test
    void asyncUserSummaryAndFastChain() {
        assertThat(client.get("/user/1").json(User.class)).isEqualTo(new User(1, "Ada"));
        assertThat(client.get("/user/999999").status()).isEqualTo(404);
        try (Pg pg = pool.get()) {
            pg.exec("INSERT INTO orders(user_id, item_id) VALUES (2, 1), (2, 2)");
        }
        Summary s = client.get("/summary?user_id=2").json(Summary.class);
        assertThat(s.user()).isEqualTo(new User(2, "Linus"));
        assertThat(s.orders()).extracting(Order::itemId).containsExactly(1, 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> fast = client.get("/fast").json(Map.class);
        assertThat(((Number) fast.get("items")).intValue()).isEqualTo(scalar("SELECT count(*) FROM items"));
    }
}
