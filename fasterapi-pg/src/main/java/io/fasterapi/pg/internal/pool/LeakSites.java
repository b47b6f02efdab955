package io.fasterapi.pg.internal.pool;

/** Names the application line in an acquisition stack, for leak reports and exhaustion messages. Any thread. */
public final class LeakSites {
    private LeakSites() {
    }

    /** The first stack frame outside the pool, the futures and the JDK: the caller's line. */
    public static String where(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        for (StackTraceElement e : frames) {
            String c = e.getClassName();
            if (!c.startsWith("io.fasterapi.pg.internal.") && !c.startsWith("io.fasterapi.pg.PgPool")
                    && !c.startsWith("io.fasterapi.core.") && !c.startsWith("java.") && !c.startsWith("jdk.")) {
                return e.toString();
            }
        }
        return frames.length > 0 ? frames[frames.length - 1].toString() : "(no stack)";
    }
}
