package io.fasterapi.pg.internal.config;

import io.fasterapi.pg.PgException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps pieces of a mistyped password out of DSN error messages. A password with an unescaped
 * {@code /} or {@code ?} in a URL ({@code postgres://u:se/cret@h/db}), or with a space in an unquoted
 * key=value string ({@code password=se cret}), is split by the parser into a port, a query
 * parameter or a key, and the error about that piece would quote it. Where the user wrote the
 * password — in a URL, from the colon of the user info to the last {@code @}; in key=value form,
 * from {@code password=} to the next known key — a quoted piece of the message that falls there
 * is shown as {@code ***}.
 */
final class PasswordPieces {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern PASSWORD_KEY = Pattern.compile("(?:^|\\s)password\\s*=\\s*");
    private static final Set<String> KEYS = Set.of("host", "hostaddr", "port", "user", "password", "dbname",
            "application_name", "connect_timeout", "sslmode", "sslrootcert", "sslnegotiation", "target_session_attrs",
            "min_protocol_version", "max_protocol_version", "statement_cache_size", "prepare_threshold", "options",
            "client_encoding", "sslcert", "sslkey", "sslpassword", "sslcrl", "sslcompression", "gssencmode",
            "krbsrvname", "channel_binding", "keepalives", "keepalives_idle", "keepalives_interval",
            "keepalives_count", "tcp_user_timeout", "sslsni", "ssl_min_protocol_version", "ssl_max_protocol_version",
            "requirepeer", "passfile", "fallback_application_name", "replication", "load_balance_hosts",
            "require_auth", "service");
    private static final Pattern NEXT_KEY = Pattern.compile("\\s+([A-Za-z_]+)\\s*=");

    private PasswordPieces() {
    }

    /** {@code e} itself, or a copy whose quoted pieces that may belong to the password read {@code ***}. */
    static PgException redact(PgException e, String dsn) {
        List<int[]> regions = regions(dsn);
        if (regions.isEmpty() || e.getMessage() == null) {
            return e;
        }
        Matcher m = QUOTED.matcher(e.getMessage());
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            boolean secret = inPasswordRegion(dsn, m.group(1), regions);
            m.appendReplacement(out, Matcher.quoteReplacement(secret ? "'***'" : m.group()));
            changed |= secret;
        }
        m.appendTail(out);
        if (!changed) {
            return e;
        }
        return new PgException(out + " (a piece that may belong to the password is shown as ***: percent-encode"
                + " '/', '?' and '@' in a URL's password, quote one with spaces in key=value form)");
    }

    private static List<int[]> regions(String dsn) {
        List<int[]> regions = new ArrayList<>();
        int scheme = dsn.indexOf("://");
        if (scheme >= 0 && (dsn.startsWith("postgres://") || dsn.startsWith("postgresql://"))) {
            int start = scheme + 3;
            int at = dsn.lastIndexOf('@');
            int colon = at > start ? dsn.indexOf(':', start) : -1;
            if (colon >= 0 && colon < at) {
                regions.add(new int[] {colon + 1, at});
            }
            return regions;
        }
        Matcher m = PASSWORD_KEY.matcher(dsn);
        while (m.find()) {
            int end = dsn.length();
            Matcher next = NEXT_KEY.matcher(dsn);
            int from = m.end();
            while (next.find(from)) {
                if (KEYS.contains(next.group(1))) {
                    end = next.start();
                    break;
                }
                from = next.end();
            }
            regions.add(new int[] {m.end(), end});
        }
        return regions;
    }

    private static boolean inPasswordRegion(String dsn, String piece, List<int[]> regions) {
        String p = piece.endsWith("...") ? piece.substring(0, piece.length() - 3) : piece;
        if (p.isEmpty()) {
            return false;
        }
        for (int i = dsn.indexOf(p); i >= 0; i = dsn.indexOf(p, i + 1)) {
            for (int[] r : regions) {
                if (i < r[1] && i + p.length() > r[0]) {
                    return true;
                }
            }
        }
        return false;
    }
}
