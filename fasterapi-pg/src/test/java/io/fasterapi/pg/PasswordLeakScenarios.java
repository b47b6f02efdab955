package io.fasterapi.pg;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a user can make the driver show while a distinctive password is in its DSN: the
 * toString of the pool, its builder, handles, views, transactions, results and stats; Micrometer
 * meter names, tags and descriptions; the full stack trace text (message, causes, suppressed) of
 * each failure (wrong password per auth method, unreachable hosts, bad DSN keys and sslmodes, TLS
 * failures, a session the server terminates). {@link PasswordNeverLeaksTest} runs it in-process and,
 * through {@link #main}, in a child JVM with trace-level logging.
 */
final class PasswordLeakScenarios {
    /** Needs percent-encoding in a URL ('/', ':', '@'), and quoting in key=value form. */
    static final String PASSWORD = "l3ak-Pr0be/Zx9:q@w";
    /** Part of the password, to catch a leak of a fragment (split at an unescaped '/' for example). */
    static final String FRAGMENT = "l3ak-Pr0be";
    /** Its other end. */
    static final String OTHER_FRAGMENT = "Zx9";

    /** What the scenarios saw: one text per thing shown, and which failures failed as they should. */
    record Seen(List<String> texts, List<String> failures, List<String> unexpected) {
        Seen() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void text(String label, Object shown) {
            texts.add(label + ": " + shown);
        }
    }

    private final int port;
    private final String caCert;
    private final Seen seen = new Seen();

    PasswordLeakScenarios(int port, String caCert) {
        this.port = port;
        this.caCert = caCert;
    }

    static String encoded() {
        return URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    }

    /** Every form the password can take in a DSN or a log line. */
    static List<String> forms() {
        return List.of(PASSWORD, encoded(), FRAGMENT, OTHER_FRAGMENT, encoded().replace("%2F", "/"));
    }

    String url(String user, String password, String params) {
        return "postgres://" + user + ":" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@localhost:" + port
                + "/postgres" + (params.isEmpty() ? "" : "?" + params);
    }

    Seen runAll() throws Exception {
        succeeding(url("scram_user", PASSWORD, "sslmode=disable&application_name=leak-probe"), "scram");
        succeeding(url("clear_user", PASSWORD, "sslmode=disable"), "cleartext");
        succeeding(url("md5_user", PASSWORD, "sslmode=disable"), "md5");
        succeeding(url("tls_only", PASSWORD, "sslmode=verify-full&sslrootcert=" + caCert), "scram-plus");
        succeeding("host=localhost port=" + port + " user=scram_user password='" + PASSWORD
                + "' dbname=postgres sslmode=disable", "key=value");

        for (String user : List.of("scram_user", "clear_user", "md5_user")) {
            failing("wrong password " + user, url(user, PASSWORD + "-wrong", "sslmode=disable"));
        }
        failing("wrong password over TLS", url("tls_only", PASSWORD + "-wrong", "sslmode=require"));
        failing("connection refused", url("scram_user", PASSWORD, "sslmode=disable").replace(":" + port + "/", ":1/"));
        failing("unknown host", url("scram_user", PASSWORD, "sslmode=disable&connect_timeout=5")
                .replace("@localhost:", "@no-such-host.invalid:"));
        failing("two hosts both down", url("scram_user", PASSWORD, "connect_timeout=2")
                .replace("@localhost:" + port, "@127.0.0.1:1,127.0.0.1:2"));
        failing("unknown URL key", url("scram_user", PASSWORD, "sslmod=require"));
        failing("unsupported URL key", url("scram_user", PASSWORD, "sslcert=/tmp/x.crt"));
        failing("bad port", url("scram_user", PASSWORD, "").replace(":" + port + "/", ":notaport/"));
        failing("unknown key=value key", "host=localhost user=scram_user password=" + PASSWORD + " bogus=1");
        failing("key without =", "host=localhost password=" + PASSWORD + " dbname");
        failing("unterminated quote", "host=localhost dbname=postgres password='" + PASSWORD);
        failing("unescaped '/' in a URL password", "postgres://scram_user:" + PASSWORD + "@localhost:" + port + "/postgres");
        failing("unescaped '?' in a URL password", "postgres://scram_user:" + PASSWORD.replace('/', '?') + "@localhost:"
                + port + "/postgres");
        failing("unquoted space in a key=value password", "host=localhost user=scram_user password="
                + PASSWORD.replace('/', ' ') + " dbname=postgres");
        failing("bad sslmode URL", url("scram_user", PASSWORD, "sslmode=always"));
        failing("bad sslmode key=value", "host=localhost password=" + PASSWORD + " sslmode=always");
        failing("bad connect_timeout", url("scram_user", PASSWORD, "connect_timeout=soon"));
        failing("verify-full, name not in the certificate",
                url("tls_only", PASSWORD, "sslmode=verify-full&sslrootcert=" + caCert).replace("@localhost:",
                        "@" + loopbackNameNotInTheCertificate() + ":"));
        failing("verify-ca, missing root file", url("tls_only", PASSWORD, "sslmode=verify-ca&sslrootcert=/nonexistent/ca.crt"));
        failing("verify-ca, not a certificate", url("tls_only", PASSWORD, "sslmode=verify-ca&sslrootcert=/etc/hostname"));
        failing("direct TLS to a server before 17", url("tls_only", PASSWORD, "sslmode=require&sslnegotiation=direct"));
        failing("hostssl user over plaintext", url("tls_only", PASSWORD, "sslmode=disable"));
        terminatedByTheServer();
        return seen;
    }

    /** A pool that works: everything it shows, its meters, then close. */
    private void succeeding(String dsn, String label) throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PgPool.Builder builder = PgPool.builder(dsn).threads(1).minSize(1).maxSize(2).metrics(registry, "leak-probe")
                .leakDetection(true);
        seen.text(label + " builder", builder);
        try (PgPool pool = builder.build()) {
            seen.text(label + " pool", pool);
            try (Pg pg = pool.get()) {
                seen.text(label + " handle", pg);
                seen.text(label + " deadline view", pg.withDeadline(Duration.ofSeconds(5)));
                QueryResult r = pg.exec("SELECT current_user, inet_server_port()");
                seen.text(label + " result", r);
                seen.text(label + " row", r.one());
                try (Tx tx = pg.begin()) {
                    seen.text(label + " tx", tx);
                }
                seen.text(label + " async", pool.execAsync("SELECT 1").await(Duration.ofSeconds(10)));
                seen.text(label + " ping", pool.ping().await(Duration.ofSeconds(10)));
            }
            pool.listen("leak_probe", n -> { }).await(Duration.ofSeconds(10)).cancel();
            seen.text(label + " stats", pool.stats());
            for (Meter m : registry.getMeters()) {
                seen.text(label + " meter", m.getId() + " " + m.getId().getDescription() + " " + m.getId().getBaseUnit());
            }
        }
        PgPool closed = PgPool.builder(dsn).threads(1).build();
        closed.close();
        seen.text(label + " closed pool", stackTrace(catching(closed::get)));
    }

    private void failing(String label, String dsn) {
        Throwable e = catching(() -> {
            try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).acquireTimeout(Duration.ofSeconds(15)).build();
                    Pg pg = pool.get()) {
                pg.exec("SELECT 1");
            }
        });
        if (e == null) {
            seen.unexpected().add(label);
            return;
        }
        seen.failures().add(label);
        seen.text(label, stackTrace(e));
        if (e instanceof PgException pe) {
            seen.text(label + " fields", pe.code() + " " + pe.detail() + " " + pe.hint() + " " + pe.serverMessage());
        }
    }

    /** The server ends a session (pg_terminate_backend): the pool logs it and drops the connection. */
    private void terminatedByTheServer() {
        try (PgPool pool = PgPool.builder(url("scram_user", PASSWORD, "sslmode=disable")).threads(1).maxSize(2).build()) {
            Pg victim = pool.get();
            int pid = victim.processId();
            try (Pg killer = pool.get()) {
                killer.exec("SELECT pg_terminate_backend($1)", pid);
            }
            Throwable e = catching(() -> victim.exec("SELECT 1"));
            victim.close();
            if (e == null) {
                seen.unexpected().add("terminated session");
            } else {
                seen.failures().add("terminated session");
                seen.text("terminated session", stackTrace(e));
            }
            seen.text("after termination stats", pool.stats());
        }
    }

    /** This machine's name when it resolves to 127.0.0.1 (the certificate names only localhost and 127.0.0.1). */
    private static String loopbackNameNotInTheCertificate() {
        try {
            String name = java.net.InetAddress.getLocalHost().getHostName();
            if (!name.equals("localhost") && java.net.InetAddress.getByName(name).getHostAddress().equals("127.0.0.1")) {
                return name;
            }
        } catch (java.io.IOException e) {
            // fall through: a refused connection still fails verify-full, just not at the name check
        }
        return "127.0.0.2";
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    static String stackTrace(Throwable t) {
        if (t == null) {
            return "(no exception)";
        }
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /**
     * Child-JVM entry: args are the cluster's port and CA file. Prints every text (the parent checks
     * them, and the trace logs on stderr, for the password) and then {@code DONE failures=n}.
     */
    public static void main(String[] args) throws Exception {
        Seen s = new PasswordLeakScenarios(Integer.parseInt(args[0]), args[1]).runAll();
        s.texts().forEach(System.out::println);
        System.out.println("UNEXPECTED " + s.unexpected());
        System.out.println("DONE failures=" + s.failures().size());
    }
}
