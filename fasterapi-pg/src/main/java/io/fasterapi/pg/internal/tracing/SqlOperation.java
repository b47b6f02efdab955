package io.fasterapi.pg.internal.tracing;

import io.fasterapi.pg.internal.sql.SqlText;

/**
 * The operation of a SQL text for {@code db.operation.name}: its first keyword as written
 * ({@code SELECT}, {@code insert}, {@code WITH}), after blanks and comments; null when it starts with
 * anything else. Reads at most the keyword: no parse, no allocation but the result.
 */
final class SqlOperation {
    private static final int MAX_KEYWORD = 32;

    private SqlOperation() {
    }

    static String of(String sql) {
        int start = SqlText.skipBlanksAndComments(sql, 0, sql.length(), '(');
        if (start < 0) {
            return null;
        }
        int i = start;
        while (i < sql.length() && i - start < MAX_KEYWORD && isLetter(sql.charAt(i))) {
            i++;
        }
        if (i == start || i < sql.length() && isLetter(sql.charAt(i))) {
            return null;
        }
        return sql.substring(start, i);
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
