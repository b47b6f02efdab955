package io.fasterapi.pg.internal.connection;

/**
 * A request queued on a connection ({@link CommandPipeline}): written when its turn comes, then
 * answered through one or more {@link Exchange}s. The login is the first on every connection;
 * user requests follow it. Runs on the connection's event loop.
 */
abstract class Command {
    /** System.nanoTime() deadline, or 0 for none. */
    final long deadlineNanos;
    /** The deadline passed after the command was written: its answers are discarded. */
    boolean abandoned;
    /** A CancelRequest should go out once this command's exchange is the one executing. */
    boolean cancelWanted;
    /**
     * Set when a CancelRequest went out for another statement while this one was already on the
     * wire behind it. The server signals the backend twice per cancel (the process, then its
     * group), so a signal can land after the target ended and cancel this one (57014): such a
     * statement ran in its own implicit transaction, was rolled back, and may run again.
     */
    boolean exposedToCancel;

    Command(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * Writes the command's messages (or its first phase) into the connection's outgoing buffer
     * ({@link CommandPipeline#out()}) and hands the pipeline the exchange that awaits their answer.
     */
    abstract void write(PgConnection connection);

    /** Fails the caller's future; no-op if it is already complete. */
    abstract void fail(Throwable cause);

    /** True once the caller's future is complete. */
    abstract boolean isDone();

    /** A description for timeout messages (never contains parameter values). */
    abstract String describe();

    /** {@code sql} cut to 200 characters, for {@link #describe()}. */
    static String describeSql(String sql) {
        return sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
    }

    /**
     * Whether {@link #deadlineNanos} still applies when it passes. COPY FROM STDIN bounds only its
     * waits on the server, so its first deadline lapses once the server is ready for data.
     */
    boolean deadlineApplies() {
        return true;
    }
}
