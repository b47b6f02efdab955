package io.fasterapi.pg.internal.tracing;

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
        int i = skipBlanksAndComments(sql, 0);
        int start = i;
        while (i < sql.length() && i - start < MAX_KEYWORD && isLetter(sql.charAt(i))) {
            i++;
        }
        if (i == start || i < sql.length() && isLetter(sql.charAt(i))) {
            return null;
        }
        return sql.substring(start, i);
    }

    private static int skipBlanksAndComments(String sql, int i) {
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c) || c == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
    }
}
