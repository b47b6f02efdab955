package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.internal.result.ColumnLayout;

/**
 * A statement prepared on one connection: its server-side name ("" for the unnamed statement), the
 * parameter types the server chose, and the layout of its rows (null when it returns none).
 */
record StatementInfo(String sql, String name, int[] paramOids, ColumnLayout layout) {
}
