package io.fasterapi.examples.techempower;

/**
 * Names another database in a libpq connection string, keeping its server, user, password and
 * options: a URL ({@code postgresql://user@host:5432/db?sslmode=require}) gets its path replaced, a
 * key=value string ({@code host=h user=u}) gets {@code dbname=} appended (libpq's last value wins).
 */
final class Dsn {
    private Dsn() {
    }

    /** {@code dsn} naming {@code database} (a plain identifier) instead of its own. */
    static String withDatabase(String dsn, String database) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("database must be a plain identifier: " + database);
        }
        String s = dsn.trim();
        int scheme = s.indexOf("://");
        if (!s.startsWith("postgres://") && !s.startsWith("postgresql://")) {
            return s + " dbname=" + database;
        }
        // As the driver reads a URL: the query starts at the first '?', the path at the first '/' before it.
        int query = s.indexOf('?', scheme + 3);
        int end = query >= 0 ? query : s.length();
        int path = s.indexOf('/', scheme + 3);
        int authorityEnd = path >= 0 && path < end ? path : end;
        return s.substring(0, authorityEnd) + "/" + database + s.substring(end);
    }
}
