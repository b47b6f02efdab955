package io.fasterapi.pg;

import java.time.Duration;

/** Run by {@link PoolWithoutMicrometerTest} in a JVM whose classpath lacks Micrometer: the pool must still work. */
public final class NoMicrometerMain {
    private NoMicrometerMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            System.out.println("Micrometer is on the classpath: the check proves nothing");
            System.exit(2);
        } catch (ClassNotFoundException expected) {
            // as intended
        }
        try (PgPool pool = PgPool.builder(args[0]).threads(1).maxSize(2).leakDetection(true).build()) {
            int one;
            try (Pg pg = pool.get()) {
                one = pg.exec("SELECT 1").scalar(Integer.class);
            }
            boolean ping = pool.ping().await(Duration.ofSeconds(10));
            long two = pool.execAsync("SELECT 2::int8").await(Duration.ofSeconds(10)).scalar(Long.class);
            System.out.println("OK " + one + " " + two + " " + ping + " " + pool.stats().created());
        }
    }
}
