package io.fasterapi.bench.driver;

/** One peer's way of running one {@link Scenario}: run it for a while, report what completed. */
interface Load {
    /** Keeps the scenario's operations going for about {@code nanos}, then waits for those in flight. */
    Sample run(long nanos) throws Exception;
}
