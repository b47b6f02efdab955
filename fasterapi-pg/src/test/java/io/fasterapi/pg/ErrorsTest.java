package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ErrorsTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(ErrorsTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("""
                    CREATE TABLE parents(id int PRIMARY KEY);
                    CREATE TABLE kids(id int PRIMARY KEY, parent int REFERENCES parents(id), name text NOT NULL,
                                      age int CONSTRAINT age_positive CHECK (age > 0));
                    INSERT INTO parents VALUES (1);
                    INSERT INTO kids VALUES (1, 1, 'a', 1);
                    """);
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void uniqueViolationCarriesConstraintTableAndDetail() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("INSERT INTO kids VALUES ($1, 1, 'b', 2)", 1))
                    .isInstanceOfSatisfying(UniqueViolationException.class, e -> {
                        assertThat(e.code()).isEqualTo("23505");
                        assertThat(e.constraint()).isEqualTo("kids_pkey");
                        assertThat(e.table()).isEqualTo("kids");
                        assertThat(e.schema()).isEqualTo(db.schema);
                        assertThat(e.detail()).contains("(id)=(1)");
                        assertThat(e.severity()).isEqualTo("ERROR");
                    });
        }
    }

    @Test
    void classifiesConstraintErrorsBySqlstate() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("INSERT INTO kids VALUES (2, 99, 'b', 2)"))
                    .isInstanceOf(ForeignKeyViolationException.class);
            assertThatThrownBy(() -> pg.exec("INSERT INTO kids VALUES (2, 1, NULL, 2)"))
                    .isInstanceOfSatisfying(NotNullViolationException.class, e -> assertThat(e.column()).isEqualTo("name"));
            assertThatThrownBy(() -> pg.exec("INSERT INTO kids VALUES (2, 1, 'b', -1)"))
                    .isInstanceOfSatisfying(CheckViolationException.class,
                            e -> assertThat(e.constraint()).isEqualTo("age_positive"));
        }
    }

    @Test
    void syntaxErrorHasPositionAndUndefinedTableItsClass() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("SELECT * FORM kids"))
                    .isInstanceOfSatisfying(SyntaxErrorException.class, e -> assertThat(e.position()).isEqualTo(10));
            assertThatThrownBy(() -> pg.exec("SELECT * FROM no_such_table"))
                    .isInstanceOf(UndefinedTableException.class);
            assertThatThrownBy(() -> pg.script("SELECT 1; SELECT * FROM no_such_table"))
                    .isInstanceOf(UndefinedTableException.class);
            assertThat(pg.exec("SELECT 3").scalar(Integer.class)).isEqualTo(3);
        }
    }

    @Test
    void serializationAndDeadlockAndCancelHaveTheirClasses() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001'; END $$"))
                    .isInstanceOf(SerializationFailureException.class);
            assertThatThrownBy(() -> pg.exec("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40P01'; END $$"))
                    .isInstanceOf(DeadlockDetectedException.class);
            assertThatThrownBy(() -> pg.exec("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '57014'; END $$"))
                    .isInstanceOf(PgCanceledException.class);
            // Same message text, other SQLSTATE: the class follows the code, never the text.
            assertThatThrownBy(() -> pg.exec("DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = 'P0001'; END $$"))
                    .isExactlyInstanceOf(PgException.class)
                    .satisfies(e -> assertThat(((PgException) e).hint()).isNull());
        }
    }

    @Test
    void hintAndWhereAreExposed() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("DO $$ BEGIN RAISE EXCEPTION 'boom' USING HINT = 'try again', DETAIL = 'd'; END $$"))
                    .isInstanceOfSatisfying(PgException.class, e -> {
                        assertThat(e.hint()).isEqualTo("try again");
                        assertThat(e.detail()).isEqualTo("d");
                        assertThat(e.where()).contains("PL/pgSQL");
                        assertThat(e.getMessage()).contains("boom").contains("P0001");
                    });
        }
    }
}
