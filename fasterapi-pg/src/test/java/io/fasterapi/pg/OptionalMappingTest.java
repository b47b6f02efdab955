package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Record components and POJO properties declared {@code Optional<T>}: a NULL column is
 * {@code Optional.empty()}, a value is {@code Optional.of} it read as {@code T}, through {@code one},
 * {@code first} and {@code as}, against a real server.
 */
class OptionalMappingTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(OptionalMappingTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("""
                    CREATE TABLE items(id int PRIMARY KEY, name text NOT NULL, description text, price numeric,
                                       stock int, since date, sku uuid);
                    INSERT INTO items VALUES (1, 'Foo', NULL, NULL, NULL, NULL, NULL),
                        (2, 'Bar', 'The bartenders', 62.5, 7, '2026-01-02', '6f1c0c39-3b1e-4a3c-9b0e-6b7a3d4e5f60');
                    """);
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    public record Item(int id, String name, Optional<String> description, Optional<BigDecimal> price,
                       Optional<Integer> stock, Optional<LocalDate> since, Optional<UUID> sku) {
    }

    public static final class ItemBean {
        private int id;
        private Optional<String> description;

        public void setId(int id) {
            this.id = id;
        }

        public void setDescription(Optional<String> description) {
            this.description = description;
        }
    }

    public record Required(int id, int stock) {
    }

    @Test
    void nullColumnsAreEmptyOptionals() {
        try (Pg pg = db.pool.get()) {
            Item foo = pg.exec("SELECT * FROM items WHERE id = 1").first(Item.class).orElseThrow();
            assertThat(foo).isEqualTo(new Item(1, "Foo", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
    }

    @Test
    void valuesAreOptionalsOfTheTypeArgument() {
        try (Pg pg = db.pool.get()) {
            Item bar = pg.exec("SELECT * FROM items WHERE id = $1", 2).one(Item.class);
            assertThat(bar).isEqualTo(new Item(2, "Bar", Optional.of("The bartenders"),
                    Optional.of(new BigDecimal("62.5")), Optional.of(7), Optional.of(LocalDate.of(2026, 1, 2)),
                    Optional.of(UUID.fromString("6f1c0c39-3b1e-4a3c-9b0e-6b7a3d4e5f60"))));
        }
    }

    @Test
    void asMapsEveryRowAndPojoSettersTakeOptionalsToo() {
        try (Pg pg = db.pool.get()) {
            List<Item> items = pg.exec("SELECT * FROM items ORDER BY id").as(Item.class);
            assertThat(items).extracting(Item::description)
                    .containsExactly(Optional.empty(), Optional.of("The bartenders"));
            List<ItemBean> beans = pg.exec("SELECT id, description FROM items ORDER BY id").as(ItemBean.class);
            assertThat(beans).extracting(b -> b.description)
                    .containsExactly(Optional.empty(), Optional.of("The bartenders"));
        }
    }

    @Test
    void aPlainPrimitiveComponentStillRefusesNull() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT id, stock FROM items WHERE id = 1").one(Required.class))
                    .isInstanceOf(PgException.class).hasMessageContaining("is NULL and cannot be read as int");
        }
    }
}
