package io.fasterapi.bench.driver;

/** A driver (or pgbench) measured on the scenarios it can run. */
interface Peer extends AutoCloseable {
    /** Its name in the table. */
    String name();

    /** How it keeps the scenario's queries in flight (connections, threads, pipelining). */
    String how(Scenario scenario);

    /** Its load for {@code scenario}, or null when it does not run that one. */
    Load load(Scenario scenario) throws Exception;

    /**
     * Whether it runs in this JVM (false for an external program, pgbench): only then does a load
     * need a JIT warm-up, is its CPU this process's, and do its server sessions outlive a timed run
     * so that the server's CPU can be read from their processes before and after (pgbench's end
     * with the run, their CPU unseen).
     */
    default boolean runsInThisJvm() {
        return true;
    }

    @Override
    void close() throws Exception;
}
