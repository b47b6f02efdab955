package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.Pg;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * PATCH as FastAPI's "Body - Updates" tutorial does it ({@code item.model_dump(exclude_unset=True)}),
 * with {@link Omittable} components against a real PostgreSQL: only the properties sent change, a
 * sent null sets NULL, a left-out one stays as it is, and constraints apply to the values sent.
 */
class PartialUpdateTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static WebPgDb db;
    static TestClient client;

    public record Item(int id, String name, Optional<String> description, double price, Optional<Double> tax) {
    }

    /** The body of a PATCH: every property may be left out; name and price may not be null. */
    public record ItemPatch(Omittable<@NotNull @NotBlank @Size(max = 50) String> name, Omittable<String> description,
                            Omittable<@NotNull @Positive Double> price, Omittable<Double> tax) {
    }

    public static final class Routes {
        @Get("/items/{id}")
        public Item read(int id, Pg pg) {
            return pg.exec("SELECT * FROM items WHERE id = $1", id).first(Item.class)
                    .orElseThrow(() -> new HttpException(404, "Item not found"));
        }

        @Patch("/items/{id}")
        public Item update(int id, @Body @Valid ItemPatch patch, Pg pg) {
            Item old = read(id, pg);
            return pg.exec("UPDATE items SET name = $2, description = $3, price = $4, tax = $5 WHERE id = $1"
                            + " RETURNING *", id,
                    patch.name().orElse(old.name()),
                    patch.description().orElse(old.description().orElse(null)),
                    patch.price().orElse(old.price()),
                    patch.tax().orElse(old.tax().orElse(null)))
                    .one(Item.class);
        }

        /** The patch as sent: pydantic's {@code model_dump(exclude_unset=True)}. */
        @Patch("/items/{id}/sent") @ResponseModel(excludeUnset = true)
        public ItemPatch sent(int id, @Body @Valid ItemPatch patch) {
            return patch;
        }
    }

    @BeforeAll
    static void start() {
        db = new WebPgDb(PartialUpdateTest.class, b -> b.threads(1).maxSize(2));
        db.script("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, description text,"
                + " price double precision NOT NULL, tax double precision)");
        client = TestClient.of(db.app().include(new Routes()));
    }

    @BeforeEach
    void resetRows() {
        db.script("TRUNCATE items; INSERT INTO items VALUES (1, 'Bar', 'The bartenders', 62, 20.2),"
                + " (2, 'Baz', NULL, 50.2, 10.5)");
    }

    @AfterAll
    static void stop() {
        WebPgDb.close(client, db);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonNode patch(String path, String body, int status) {
        TestResponse r = client.send("PATCH", path, body.getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return json(r.text());
    }

    static JsonNode stored(int id) {
        TestResponse r = client.get("/items/" + id);
        assertThat(r.status()).isEqualTo(200);
        return json(r.text());
    }

    @Test
    void onlyTheSentPropertiesChange() {
        assertThat(patch("/items/1", "{\"price\":3}", 200)).isEqualTo(json("""
                {"id":1,"name":"Bar","description":"The bartenders","price":3.0,"tax":20.2}"""));
        assertThat(stored(1)).isEqualTo(json("""
                {"id":1,"name":"Bar","description":"The bartenders","price":3.0,"tax":20.2}"""));
        assertThat(stored(2)).as("another row").isEqualTo(json("""
                {"id":2,"name":"Baz","description":null,"price":50.2,"tax":10.5}"""));
    }

    @Test
    void aSentNullSetsNullAndALeftOutPropertyStaysAsItIs() {
        patch("/items/1", "{\"description\":null,\"name\":\"Barz\"}", 200);
        assertThat(stored(1)).isEqualTo(json("""
                {"id":1,"name":"Barz","description":null,"price":62.0,"tax":20.2}"""));
        try (Pg pg = db.pool.get()) {
            assertThat(pg.exec("SELECT description IS NULL FROM items WHERE id = 1").scalar(Boolean.class)).isTrue();
        }
        patch("/items/2", "{\"description\":\"Now described\",\"tax\":null}", 200);
        assertThat(stored(2)).isEqualTo(json("""
                {"id":2,"name":"Baz","description":"Now described","price":50.2,"tax":null}"""));
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertThat(patch("/items/1", "{}", 200)).isEqualTo(json("""
                {"id":1,"name":"Bar","description":"The bartenders","price":62.0,"tax":20.2}"""));
    }

    @Test
    void constraintsApplyToTheValuesSentAndNothingIsWritten() {
        JsonNode errors = patch("/items/1", "{\"name\":\"\",\"price\":-1}", 422).path("detail");
        assertThat(errors).extracting(e -> e.path("loc").toString())
                .containsExactly("[\"body\",\"name\"]", "[\"body\",\"price\"]");
        assertThat(patch("/items/1", "{\"name\":null}", 422).at("/detail/0/loc")).isEqualTo(json("[\"body\",\"name\"]"));
        assertThat(patch("/items/1", "{\"price\":\"cheap\"}", 422).at("/detail/0/type").asString())
                .isEqualTo("float_parsing");
        assertThat(stored(1).path("name").asString()).isEqualTo("Bar");
    }

    @Test
    void excludeUnsetAnswersOnlyWhatWasSent() {
        assertThat(patch("/items/1/sent", "{\"price\":3,\"description\":null}", 200))
                .isEqualTo(json("{\"description\":null,\"price\":3.0}"));
        assertThat(patch("/items/1/sent", "{}", 200)).isEqualTo(json("{}"));
    }

    /**
     * Random PATCHes, each sending, nulling or leaving out every property at random; after each the
     * stored row is the model of what was sent. The seed is in the case name; replay with
     * {@code -Dpatch.seed=<seed>}.
     */
    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void randomPatchesChangeExactlyWhatTheySend(long seed) {
        Random random = new Random(seed);
        ObjectNode expected = (ObjectNode) stored(2);
        for (int step = 0; step < 25; step++) {
            ObjectNode body = JSON.createObjectNode();
            if (random.nextInt(3) == 0) {
                String name = "n" + random.nextInt(1000);
                body.put("name", name);
                expected.put("name", name);
            }
            for (String nullable : new String[] {"description", "tax"}) {
                switch (random.nextInt(3)) {
                    case 0 -> {
                        body.putNull(nullable);
                        expected.putNull(nullable);
                    }
                    case 1 -> {
                        if (nullable.equals("tax")) {
                            double tax = random.nextInt(1000) / 10.0;
                            body.put("tax", tax);
                            expected.put("tax", tax);
                        } else {
                            String d = "d" + random.nextInt(1000);
                            body.put("description", d);
                            expected.put("description", d);
                        }
                    }
                    default -> {
                    }
                }
            }
            if (random.nextBoolean()) {
                double price = 1 + random.nextInt(10_000) / 100.0;
                body.put("price", price);
                expected.put("price", price);
            }
            assertThat(patch("/items/2", body.toString(), 200)).as("seed %d step %d: %s", seed, step, body)
                    .isEqualTo(expected);
            assertThat(stored(2)).as("seed %d step %d: %s", seed, step, body).isEqualTo(expected);
        }
    }

    static Stream<Long> seeds() {
        long base = Long.getLong("patch.seed", System.nanoTime());
        return Stream.of(base, base + 1, base + 2);
    }

    @Test
    void anUnknownItemIs404() {
        assertThat(patch("/items/9", "{\"price\":3}", 404)).isEqualTo(json("{\"detail\":\"Item not found\"}"));
    }
}
