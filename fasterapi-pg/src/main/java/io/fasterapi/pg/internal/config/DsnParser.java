package io.fasterapi.pg.internal.config;

import io.fasterapi.pg.PgException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses libpq connection strings: URLs ({@code postgres://user:pass@h1:5432,h2/db?sslmode=require})
 * and key=value strings ({@code host=h1 port=5432 dbname='my db'}), then fills what they leave out
 * from the PG* environment variables as libpq does, then from libpq's defaults.
 *
 * <p>The keys, as {@link #build} reads them; each one's meaning, default and environment variable
 * are in {@code docs/connection-strings.md}, the reference users read, which this switch and that
 * page must keep agreeing on:
 * <ul>
 *   <li>libpq's, with libpq's meaning: {@code host}/{@code hostaddr}, {@code port}, {@code user},
 *       {@code password}, {@code dbname}, {@code application_name}, {@code fallback_application_name},
 *       {@code options}, {@code connect_timeout}, {@code target_session_attrs}, {@code sslmode},
 *       {@code sslrootcert}, {@code sslnegotiation}, {@code channel_binding}, {@code sslcert},
 *       {@code sslkey}, {@code sslpassword}, {@code min_protocol_version}, {@code max_protocol_version},
 *       the keepalive keys and {@code tcp_user_timeout};</li>
 *   <li>the pool's own: {@code statement_cache_size} (and pgjdbc's {@code prepare_threshold=0}),
 *       {@code command_timeout}, {@code acquire_timeout}, {@code failover_wait} ({@link PoolTimeouts}), {@code pooler}
 *       ({@code transaction} for PgBouncer's transaction mode: {@link TransactionPooling});</li>
 *   <li>libpq's, accepted without effect (so a string written for psql works): {@code sslcrl},
 *       {@code sslsni}, {@code gssencmode} and the others in the last case of the switch;</li>
 *   <li>refused: {@code replication}, {@code service}, Unix socket hosts, a {@code client_encoding}
 *       other than UTF8, and any unknown key.</li>
 * </ul>
 *
 * <p>Errors name the offending key and never echo the password, nor a piece of one that an
 * unescaped {@code /}, {@code ?} or space split off ({@link PasswordPieces}).
 */
public final class DsnParser {
    private static final Map<String, String> ENV_KEYS = Map.ofEntries(
            Map.entry("host", "PGHOST"), Map.entry("port", "PGPORT"), Map.entry("user", "PGUSER"),
            Map.entry("password", "PGPASSWORD"), Map.entry("dbname", "PGDATABASE"),
            Map.entry("application_name", "PGAPPNAME"), Map.entry("sslmode", "PGSSLMODE"),
            Map.entry("sslrootcert", "PGSSLROOTCERT"), Map.entry("connect_timeout", "PGCONNECT_TIMEOUT"),
            Map.entry("target_session_attrs", "PGTARGETSESSIONATTRS"),
            Map.entry("sslnegotiation", "PGSSLNEGOTIATION"), Map.entry("options", "PGOPTIONS"),
            Map.entry("min_protocol_version", "PGMINPROTOCOLVERSION"),
            Map.entry("max_protocol_version", "PGMAXPROTOCOLVERSION"),
            Map.entry("channel_binding", "PGCHANNELBINDING"),
            Map.entry("sslcert", "PGSSLCERT"), Map.entry("sslkey", "PGSSLKEY"),
            Map.entry("load_balance_hosts", "PGLOADBALANCEHOSTS"));

    private DsnParser() {
    }

    /** Parses {@code dsn} with the process environment as fallback. */
    public static ConnectionConfig parse(String dsn) {
        return parse(dsn, System.getenv());
    }

    /** Parses {@code dsn} with {@code env} as the PG* fallback (tests pass their own). */
    public static ConnectionConfig parse(String dsn, Map<String, String> env) {
        if (dsn == null) {
            throw new PgException("DSN is null");
        }
        String s = dsn.trim();
        try {
            Map<String, String> kv = s.startsWith("postgres://") || s.startsWith("postgresql://") ? parseUrl(s)
                    : parseKeyValue(s);
            for (Map.Entry<String, String> e : ENV_KEYS.entrySet()) {
                if (!kv.containsKey(e.getKey())) {
                    String v = env.get(e.getValue());
                    if (v != null && !v.isEmpty()) {
                        kv.put(e.getKey(), v);
                    }
                }
            }
            return build(kv);
        } catch (PgException e) {
            throw PasswordPieces.redact(e, s);
        }
    }

    // ------------------------------------------------------------------ URL form

    private static Map<String, String> parseUrl(String url) {
        Map<String, String> kv = new LinkedHashMap<>();
        String rest = url.substring(url.indexOf("://") + 3);
        int q = rest.indexOf('?');
        String query = q >= 0 ? rest.substring(q + 1) : "";
        rest = q >= 0 ? rest.substring(0, q) : rest;
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        if (slash >= 0 && slash + 1 < rest.length()) {
            kv.put("dbname", decode(rest.substring(slash + 1), "dbname"));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            String user = colon >= 0 ? userInfo.substring(0, colon) : userInfo;
            if (!user.isEmpty()) {
                kv.put("user", decode(user, "user"));
            }
            if (colon >= 0) {
                kv.put("password", decode(userInfo.substring(colon + 1), "password"));
            }
        }
        if (!authority.isEmpty()) {
            List<String> hosts = new ArrayList<>();
            List<String> ports = new ArrayList<>();
            for (String hp : authority.split(",", -1)) {
                String host;
                String port = "";
                if (hp.startsWith("[")) {
                    int end = hp.indexOf(']');
                    if (end < 0) {
                        throw new PgException("invalid DSN: unterminated IPv6 address in host");
                    }
                    host = hp.substring(1, end);
                    if (end + 1 < hp.length() && hp.charAt(end + 1) == ':') {
                        port = hp.substring(end + 2);
                    }
                } else {
                    int colon = hp.lastIndexOf(':');
                    host = colon >= 0 ? hp.substring(0, colon) : hp;
                    port = colon >= 0 ? hp.substring(colon + 1) : "";
                }
                hosts.add(decode(host, "host"));
                ports.add(port);
            }
            kv.put("host", String.join(",", hosts));
            if (ports.stream().anyMatch(p -> !p.isEmpty())) {
                kv.put("port", String.join(",", ports));
            }
        }
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new PgException("invalid DSN: query parameter '" + safeKey(pair) + "' has no value");
                }
                String key = decode(pair.substring(0, eq), "parameter name");
                kv.put(key, decode(pair.substring(eq + 1), key));
            }
        }
        return kv;
    }

    private static String decode(String s, String key) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PgException("invalid DSN: bad percent-encoding in " + key);
        }
    }

    private static String safeKey(String pair) {
        return pair.length() > 40 ? pair.substring(0, 40) + "..." : pair;
    }

    // ------------------------------------------------------------------ key=value form

    private static Map<String, String> parseKeyValue(String s) {
        Map<String, String> kv = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (true) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return kv;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                throw new PgException("invalid DSN: missing '=' after key '" + safeKey(key) + "'");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        value.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new PgException("invalid DSN: unterminated quoted value for key '" + key + "'");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    value.append(c);
                }
            }
            kv.put(key, value.toString());
        }
    }

    // ------------------------------------------------------------------ validation

    private static ConnectionConfig build(Map<String, String> kv) {
        String user = null;
        String password = null;
        String dbname = null;
        String appName = null;
        String hostList = "localhost";
        String portList = "5432";
        Duration connectTimeout = Duration.ofSeconds(10);
        SslMode sslMode = SslMode.PREFER;
        String sslRootCert = null;
        boolean direct = false;
        ChannelBinding channelBinding = ChannelBinding.PREFER;
        TargetSessionAttrs tsa = TargetSessionAttrs.ANY;
        boolean loadBalanceHosts = false;
        int cacheSize = ConnectionConfig.DEFAULT_STATEMENT_CACHE_SIZE;
        int minProtocol = ConnectionConfig.PROTOCOL_3_0;
        int maxProtocol = ConnectionConfig.PROTOCOL_3_0;
        Map<String, String> extra = new LinkedHashMap<>();
        String sslCert = null;
        String sslKey = null;
        String sslPassword = null;
        boolean keepalives = true;
        int keepalivesIdle = 0;
        int keepalivesInterval = 0;
        int keepalivesCount = 0;
        int tcpUserTimeout = 0;
        PoolTimeouts poolTimeouts = PoolTimeouts.UNSET;
        boolean transactionPooling = false;
        for (Map.Entry<String, String> e : kv.entrySet()) {
            String key = e.getKey();
            String v = e.getValue();
            switch (key) {
                case "host", "hostaddr" -> hostList = v.isEmpty() ? hostList : v;
                case "port" -> portList = v.isEmpty() ? portList : v;
                case "user" -> user = v;
                case "password" -> password = v;
                case "dbname" -> dbname = v;
                case "application_name" -> appName = v;
                case "connect_timeout" -> {
                    int secs = parseInt(v, key);
                    // libpq: zero or negative means wait forever; we cap "forever" at a day.
                    connectTimeout = secs <= 0 ? Duration.ofDays(1) : Duration.ofSeconds(Math.max(2, secs));
                }
                case "sslmode" -> {
                    sslMode = SslMode.parse(v);
                    if (sslMode == null) {
                        throw new PgException("invalid DSN: sslmode '" + v
                                + "' is not one of disable, allow, prefer, require, verify-ca, verify-full");
                    }
                }
                case "sslrootcert" -> sslRootCert = v;
                case "sslcert" -> sslCert = v.isEmpty() ? null : v;
                case "sslkey" -> sslKey = v.isEmpty() ? null : v;
                case "sslpassword" -> sslPassword = v;
                case "keepalives" -> keepalives = parseInt(v, key) != 0;
                // Linux's limits (MAX_TCP_KEEPIDLE, MAX_TCP_KEEPINTVL, MAX_TCP_KEEPCNT): past them setsockopt fails.
                case "keepalives_idle" -> keepalivesIdle = nonNegative(v, key, 32_767);
                case "keepalives_interval" -> keepalivesInterval = nonNegative(v, key, 32_767);
                case "keepalives_count" -> keepalivesCount = nonNegative(v, key, 127);
                case "tcp_user_timeout" -> tcpUserTimeout = nonNegative(v, key, Integer.MAX_VALUE);
                case "sslnegotiation" -> {
                    if (!v.equals("direct") && !v.equals("postgres")) {
                        throw new PgException("invalid DSN: sslnegotiation '" + v + "' is not postgres or direct");
                    }
                    direct = v.equals("direct");
                }
                case "channel_binding" -> {
                    channelBinding = ChannelBinding.parse(v);
                    if (channelBinding == null) {
                        throw new PgException("invalid DSN: channel_binding '" + v
                                + "' is not one of disable, prefer, require");
                    }
                }
                case "target_session_attrs" -> {
                    tsa = TargetSessionAttrs.parse(v);
                    if (tsa == null) {
                        throw new PgException("invalid DSN: target_session_attrs '" + v + "' is not one of any,"
                                + " read-write, read-only, primary, standby, prefer-standby");
                    }
                }
                case "min_protocol_version" -> minProtocol = protocolVersion(v, key);
                case "max_protocol_version" -> maxProtocol = protocolVersion(v, key);
                case "statement_cache_size" -> cacheSize = parseInt(v, key);
                case "command_timeout" -> poolTimeouts = poolTimeouts.withCommandTimeout(seconds(v, key));
                case "acquire_timeout" -> poolTimeouts = poolTimeouts.withAcquireTimeout(seconds(v, key));
                case "failover_wait" -> poolTimeouts = poolTimeouts.withFailoverWait(seconds(v, key));
                case "prepare_threshold" -> cacheSize = parseInt(v, key) <= 0 ? 0 : cacheSize;
                case "pooler" -> transactionPooling = TransactionPooling.parseDsnValue(v);
                case "options" -> extra.put("options", v);
                case "load_balance_hosts" -> loadBalanceHosts = switch (v) {
                    case "disable" -> false;
                    case "random" -> true;
                    default -> throw new PgException("invalid DSN: load_balance_hosts must be disable or random, got '"
                            + v + "'");
                };
                case "client_encoding" -> {
                    if (!v.equalsIgnoreCase("UTF8") && !v.equalsIgnoreCase("UTF-8")) {
                        throw new PgException("invalid DSN: client_encoding must be UTF8, got '" + v + "'");
                    }
                }
                case "sslcrl", "sslcompression", "gssencmode", "krbsrvname", "sslsni", "ssl_min_protocol_version",
                        "ssl_max_protocol_version", "requirepeer", "passfile", "fallback_application_name",
                        "replication", "require_auth", "service" -> {
                    if (key.equals("fallback_application_name")) {
                        if (appName == null) {
                            appName = v;
                        }
                    } else if (key.equals("replication") || key.equals("service")) {
                        throw new PgException("invalid DSN: '" + key + "' is not supported by this driver");
                    }
                    // The rest are accepted for libpq compatibility and have no effect (docs/connection-strings.md).
                }
                default -> throw new PgException("invalid DSN: unknown key '" + safeKey(key) + "'");
            }
        }
        if (transactionPooling && !kv.containsKey("statement_cache_size") && !kv.containsKey("prepare_threshold")) {
            cacheSize = 0; // named statements live in one server session; PgBouncer 1.21+ users may ask for them
        }
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name", "postgres");
        }
        if (dbname == null || dbname.isEmpty()) {
            dbname = user;
        }
        if (direct && !sslMode.requiresTls()) {
            // libpq's words (fe-connect.c); the mode is named even when it is the default, prefer.
            throw new PgException("invalid DSN: weak sslmode \"" + sslMode.libpqName()
                    + "\" may not be used with sslnegotiation=direct (use require, verify-ca or verify-full)");
        }
        if (!kv.containsKey("max_protocol_version")) {
            maxProtocol = Math.max(maxProtocol, minProtocol); // asking for at least 3.2 means asking for 3.2
        }
        if (minProtocol > maxProtocol) {
            throw new PgException("invalid DSN: min_protocol_version " + ConnectionConfig.protocolName(minProtocol)
                    + " is greater than max_protocol_version " + ConnectionConfig.protocolName(maxProtocol));
        }
        if (sslMode.verifiesChain() && sslRootCert == null) {
            String home = System.getProperty("user.home");
            java.nio.file.Path def = java.nio.file.Path.of(home, ".postgresql", "root.crt");
            if (!java.nio.file.Files.isReadable(def)) {
                throw new PgException("invalid DSN: sslmode=" + sslMode.libpqName()
                        + " needs sslrootcert (no " + def + " either)");
            }
            sslRootCert = def.toString();
        }
        return new ConnectionConfig(hosts(hostList, portList), user, password, dbname, appName, connectTimeout,
                sslMode, sslRootCert, direct, tsa, cacheSize, minProtocol, maxProtocol, extra,
                channelBinding, new TcpKeepalives(keepalives, keepalivesIdle, keepalivesInterval, keepalivesCount,
                        tcpUserTimeout),
                sslMode == SslMode.DISABLE ? null : clientCertificate(sslCert, sslKey, sslPassword),
                poolTimeouts, Map.of(), loadBalanceHosts, transactionPooling);
    }

    /**
     * The client certificate as libpq finds it: {@code sslcert}/{@code sslkey} when given, else
     * {@code ~/.postgresql/postgresql.crt} and {@code .key} when the certificate exists there; none
     * otherwise. A key without a certificate is not used (libpq ignores it too). Whether the files
     * can be read is checked when the pool is built, where the TLS context is.
     */
    private static TlsClientCertificate clientCertificate(String cert, String key, String password) {
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("user.home"), ".postgresql");
        if (cert == null) {
            java.nio.file.Path def = dir.resolve("postgresql.crt");
            if (!java.nio.file.Files.isRegularFile(def)) {
                return null;
            }
            cert = def.toString();
        }
        return new TlsClientCertificate(cert, key != null ? key : dir.resolve("postgresql.key").toString(), password);
    }

    private static List<HostPort> hosts(String hostList, String portList) {
        String[] hosts = hostList.split(",", -1);
        String[] ports = portList.split(",", -1);
        if (ports.length != 1 && ports.length != hosts.length) {
            throw new PgException("invalid DSN: " + hosts.length + " hosts but " + ports.length + " ports");
        }
        List<HostPort> out = new ArrayList<>(hosts.length);
        for (int i = 0; i < hosts.length; i++) {
            String h = hosts[i].trim();
            if (h.isEmpty()) {
                h = "localhost";
            }
            if (h.startsWith("/")) {
                throw new PgException("invalid DSN: host '" + h + "' is a Unix socket directory; only TCP is supported");
            }
            String p = (ports.length == 1 ? ports[0] : ports[i]).trim();
            int port = p.isEmpty() ? 5432 : parseInt(p, "port");
            if (port < 1 || port > 65535) {
                throw new PgException("invalid DSN: port " + port + " is out of range");
            }
            out.add(new HostPort(h, port));
        }
        return out;
    }

    /**
     * libpq 18's spelling of a protocol version: {@code 3.0}, {@code 3.2} or {@code latest} (3.2
     * here). 3.1 never existed (the server skipped it), so libpq refuses it and so do we.
     */
    private static int protocolVersion(String v, String key) {
        return switch (v.trim()) {
            case "3.0" -> ConnectionConfig.PROTOCOL_3_0;
            case "3.2", "latest" -> ConnectionConfig.PROTOCOL_3_2;
            default -> throw new PgException("invalid DSN: " + key + " '" + v + "' is not one of 3.0, 3.2, latest");
        };
    }

    private static int nonNegative(String v, String key, int max) {
        int n = parseInt(v, key);
        if (n < 0 || n > max) {
            throw new PgException("invalid DSN: " + key + " " + n + " is out of range (0 to " + max + ")");
        }
        return n;
    }

    /** A pool timeout in seconds, decimals allowed ({@code 0.5}); 0 for none; never negative. */
    private static Duration seconds(String v, String key) {
        try {
            java.math.BigDecimal secs = new java.math.BigDecimal(v.trim());
            if (secs.signum() < 0 || secs.compareTo(java.math.BigDecimal.valueOf(86_400L * 365)) > 0) {
                throw new PgException("invalid DSN: " + key + " '" + v + "' must be between 0 and a year, in seconds");
            }
            return Duration.ofNanos(secs.movePointRight(9).longValue());
        } catch (NumberFormatException e) {
            throw new PgException("invalid DSN: " + key + " '" + v + "' is not a number of seconds");
        }
    }

    private static int parseInt(String v, String key) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new PgException("invalid DSN: " + key + " '" + v + "' is not an integer");
        }
    }
}
