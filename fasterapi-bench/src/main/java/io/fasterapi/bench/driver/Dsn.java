package io.fasterapi.bench.driver;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The benchmark database's address: a {@code postgresql://} URL from {@code $FASTERAPI_PG_URL}
 * (scripts/bench.sh fills it from scripts/dev-postgres.sh), translated for pgjdbc.
 */
public record Dsn(String url) {
    public static Dsn fromEnvironment() {
        String url = System.getenv("FASTERAPI_PG_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("set FASTERAPI_PG_URL (scripts/bench.sh does it with scripts/dev-postgres.sh)");
        }
        return new Dsn(url);
    }

    private URI uri() {
        return URI.create(url.replaceFirst("^postgres(ql)?://", "postgresql://"));
    }

    /** {@code jdbc:postgresql://host:port/db}; user and password go in {@link #jdbcProperties()}. */
    public String jdbcUrl() {
        URI u = uri();
        String db = u.getPath() == null || u.getPath().length() <= 1 ? "postgres" : u.getPath().substring(1);
        return "jdbc:postgresql://" + u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort()) + "/" + db;
    }

    public Properties jdbcProperties() {
        Properties p = new Properties();
        String info = uri().getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            p.setProperty("user", decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                p.setProperty("password", decode(info.substring(colon + 1)));
            }
        }
        return p;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
