package io.fasterapi.pg.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.PgException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionPoolingTest {

    @Test
    void refusesWhatWouldLeaveStateInAServerSession() {
        for (String sql : new String[] {"SET search_path = x", "  set time zone 'UTC'", "SET SESSION work_mem = 1",
                "RESET ALL", "reset work_mem", "LISTEN a", "PREPARE q AS SELECT 1",
                "DECLARE c CURSOR WITH HOLD FOR SELECT 1", "SELECT pg_advisory_lock(1)",
                "SELECT pg_try_advisory_lock(1, 2)", "select PG_ADVISORY_UNLOCK_ALL()", "SELECT pg_advisory_lock_shared(3)",
                "CREATE TEMP TABLE t (x int)", "create temporary table t (x int)", "CREATE LOCAL TEMP TABLE t (x int)",
                "-- note\nSET x = 1", "/* c */ LISTEN a"}) {
            assertThat(TransactionPooling.refusal(sql)).as(sql).isNotNull().contains("pooler=transaction");
        }
    }

    @Test
    void letsTransactionScopedAndDataStatementsThrough() {
        for (String sql : new String[] {"SELECT 1", "SET LOCAL work_mem = '64MB'", "SET TRANSACTION ISOLATION LEVEL"
                + " SERIALIZABLE", "SET CONSTRAINTS ALL DEFERRED", "SELECT pg_advisory_xact_lock(1)",
                "SELECT pg_try_advisory_xact_lock(1)", "CREATE TEMP TABLE t (x int) ON COMMIT DROP",
                "DECLARE c CURSOR FOR SELECT 1", "INSERT INTO t VALUES ('a; SET x = 1')", "SELECT temperature FROM t",
                "BEGIN", "COMMIT", "UNLISTEN *", "CREATE TABLE settings (x int)", "WITH s AS (SELECT 1) SELECT * FROM s",
                "", "   "}) {
            assertThat(TransactionPooling.refusal(sql)).as(sql).isNull();
        }
    }

    @Test
    void aScriptIsCheckedStatementByStatement() {
        assertThat(TransactionPooling.refusalOfScript("SELECT 1; SET x = 1")).contains("SET of a session setting");
        assertThat(TransactionPooling.refusalOfScript("BEGIN; SET LOCAL x = 1; SELECT 1; COMMIT")).isNull();
        assertThat(TransactionPooling.refusalOfScript("SELECT 1;")).isNull();
    }

    @Test
    void explainsTheNamedStatementErrorsAPoolerCausesAndNothingElse() {
        PgException missing = new PgException("ERROR: prepared statement \"fa3\" does not exist (SQLSTATE 26000)", null,
                Map.of('C', "26000", 'M', "prepared statement \"fa3\" does not exist"));
        PgException explained = TransactionPooling.explain(missing, "fa3");
        assertThat(explained.getMessage()).startsWith(missing.getMessage()).contains("Add pooler=transaction");
        assertThat(explained.code()).isEqualTo("26000");
        assertThat(explained.getCause()).isSameAs(missing);
        PgException exists = new PgException("x", null, Map.of('C', "42P05"));
        assertThat(TransactionPooling.explain(exists, "fa1").getMessage()).contains("pooler=transaction");
        assertThat(TransactionPooling.explain(missing, "")).as("the unnamed statement").isSameAs(missing);
        PgException other = new PgException("y", null, Map.of('C', "42601"));
        assertThat(TransactionPooling.explain(other, "fa1")).isSameAs(other);
    }

    @Test
    void explainsAStartupParameterAPoolerRefusesAndKeepsTheClass() {
        PgException refused = new io.fasterapi.pg.PgConnectionException("FATAL: unsupported startup parameter: options",
                null, Map.of('C', "08P01", 'M', "unsupported startup parameter: options"));
        PgException explained = TransactionPooling.explainLoginError(refused);
        assertThat(explained).isInstanceOf(io.fasterapi.pg.PgConnectionException.class);
        assertThat(explained.getMessage()).contains("ignore_startup_parameters");
        PgException password = new PgException("FATAL: password authentication failed", null,
                Map.of('C', "28P01", 'M', "password authentication failed for user \"x\""));
        assertThat(TransactionPooling.explainLoginError(password)).isSameAs(password);
    }
}
