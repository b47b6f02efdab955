package io.fasterapi.pg.internal.sql;

/**
 * The little lexing the driver does on a statement's text, without parsing it: skipping blanks and
 * comments to its first keyword ({@code SessionFreeStatements}, {@code TransactionPooling},
 * {@code SqlOperation} for tracing). Stateless; any thread.
 */
public final class SqlText {
    private SqlText() {
    }

    /**
     * The index of the first character in {@code [from, end)} that is neither white space, nor
     * {@code alsoSkip}, nor inside a {@code --} or {@code /* *}{@code /} comment; -1 when there is none
     * (the end reached, or a block comment left open).
     */
    public static int skipBlanksAndComments(String sql, int from, int end, char alsoSkip) {
        int i = from;
        while (i < end) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == alsoSkip) {
                i++;
            } else if (c == '-' && i + 1 < end && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 || eol >= end ? end : eol + 1;
            } else if (c == '/' && i + 1 < end && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0 || close >= end) {
                    return -1;
                }
                i = close + 2;
            } else {
                return i;
            }
        }
        return -1;
    }
}
