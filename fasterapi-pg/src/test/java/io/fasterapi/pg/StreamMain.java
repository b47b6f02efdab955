package io.fasterapi.pg;

/**
 * Run in a forked JVM with a small heap by {@link StreamTest}: streams {@code args[1]} rows and
 * prints {@code OK <count> <sum>}. A result buffered in memory would not fit the heap.
 */
public final class StreamMain {
    private StreamMain() {
    }

    public static void main(String[] args) {
        String dsn = args[0];
        long n = Long.parseLong(args[1]);
        long count = 0;
        long sum = 0;
        try (PgPool pool = PgPool.builder(dsn).threads(1).maxSize(1).build(); Pg pg = pool.get()) {
            try (RowStream rows = pg.stream("SELECT g, repeat('x', 40) AS pad FROM generate_series(1, $1::int8) g", 2000, n)) {
                for (Row r : rows) {
                    count++;
                    sum += r.getLong(0);
                    if (r.get(1, String.class).length() != 40) {
                        throw new AssertionError("bad pad");
                    }
                }
            }
            System.out.println("OK " + count + " " + sum + " " + Runtime.getRuntime().maxMemory());
        }
    }
}
