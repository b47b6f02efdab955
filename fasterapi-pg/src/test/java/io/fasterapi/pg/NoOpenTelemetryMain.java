package io.fasterapi.pg;

import java.time.Duration;

/**
 * Run by {@link PoolWithoutOpenTelemetryTest} in a JVM of its own: a pool without tracing runs
 * statements, a transaction, a pipelined statement and a shared handle's, in a JVM whose class path
 * lacks OpenTelemetry ({@code absent}) or where it is present but must never be loaded.
 */
public final class NoOpenTelemetryMain {
    private NoOpenTelemetryMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean absent = args[1].equals("absent");
        // Looked up as a resource, not loaded: the JVM's class-load log must not show it because of this check.
        boolean present = NoOpenTelemetryMain.class.getClassLoader()
                .getResource("io/opentelemetry/api/OpenTelemetry.class") != null;
        if (present == absent) {
            System.out.println("OpenTelemetry is " + (present ? "" : "not ") + "on the class path: the check proves nothing");
            System.exit(2);
        }
        try (PgPool pool = PgPool.builder(args[0]).threads(1).maxSize(2).build()) {
            int one;
            try (Pg pg = pool.get()) {
                one = pg.exec("SELECT $1::int", 1).scalar(Integer.class);
                pg.tx(TxIsolation.READ_COMMITTED, 0, tx -> tx.exec("SELECT 1"));
            }
            long two = pool.execAsync("SELECT 2::int8").await(Duration.ofSeconds(10)).scalar(Long.class);
            int three;
            try (Pg shared = pool.shared()) {
                three = shared.exec("SELECT 3").scalar(Integer.class);
            }
            long four = pool.withConnection(pg -> pg.execAsync("SELECT 4::int8")).await(Duration.ofSeconds(10))
                    .scalar(Long.class);
            System.out.println("OK " + one + " " + two + " " + three + " " + four);
        }
    }
}
