package io.fasterapi.bench.driver;

/** A driver (or pgbench) measured on the scenarios it can run. */
interface Peer extends AutoCloseable {
    /** Its name in the table. */
    String name();

    /** How it keeps the scenario's queries in flight (connections, threads, pipelining). */
    String how(Scenario scenario);

    /** Its load for {@code scenario}, or null when it does not run that one. */
    Load load(Scenario scenario) throws Exception;

    /** Whether a load needs a JIT warm-up before it is timed (false for an external program). */
    default boolean warmsUp() {
        return true;
    }

    /**
     * Whether its server sessions outlive a timed run, so the server's CPU can be read from its
     * processes before and after (false for pgbench: its sessions end with the run, their CPU unseen).
     */
    default boolean keepsSessionsAcrossRuns() {
        return true;
    }

    @Override
    void close() throws Exception;
}
