package io.fasterapi.pg.internal.pool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SessionFreeStatementsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT id, randomnumber FROM world WHERE id = $1",
        "select 1",
        "  \n\tSELECT 1;",
        "-- a comment\nSELECT 1",
        "/* leading */ insert into items(name) values ($1) returning id",
        "UPDATE items SET price = $1 WHERE id = $2",
        "DELETE FROM items WHERE id = $1",
        "WITH x AS (SELECT 1) SELECT * FROM x",
        "VALUES (1), (2)",
        "TABLE items",
        "SELECT * FROM stock WHERE id = $1 FOR UPDATE",
        "select 1 ;  -- trailing comment",
    })
    void dataStatementsAreSessionFree(String sql) {
        assertThat(SessionFreeStatements.sessionFree(sql)).as(sql).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "BEGIN",
        "begin isolation level serializable",
        "START TRANSACTION",
        "COMMIT",
        "ROLLBACK",
        "SAVEPOINT a",
        "SET search_path = app",
        "SET LOCAL statement_timeout = 1000",
        "RESET ALL",
        "LISTEN jobs",
        "UNLISTEN *",
        "PREPARE q AS SELECT 1",
        "DECLARE c CURSOR FOR SELECT 1",
        "FETCH 10 FROM c",
        "LOCK TABLE items",
        "DISCARD ALL",
        "CREATE TEMP TABLE t (a int)",
        "CREATE TABLE t (a int)",
        "COPY items FROM STDIN",
        "SELECT set_config('app.user', $1, false)",
        "SELECT pg_advisory_lock(42)",
        "SELECT * INTO TEMPORARY t FROM items",
        "INSERT INTO items(name) VALUES ('a'); SELECT currval('items_id_seq')",
        "SELECT lastval()",
        "SELECT nextval('s')",
        "SELECT 1; SELECT 2",
        "SELECT pg_backend_pid()",
        "",
        "   ",
        "-- only a comment",
        "/* unterminated SELECT 1",
        "selectx 1",
    })
    void statementsThatKeepOrReadSessionStateAreNot(String sql) {
        assertThat(SessionFreeStatements.sessionFree(sql)).as(sql).isFalse();
    }
}
