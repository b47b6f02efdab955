package io.fasterapi.core;

/**
 * Where a shard's virtual threads ({@link Shard#startVirtualThread}, which run blocking handlers)
 * are carried. Chosen with {@link Reactor.Builder#virtualThreads} or the system property
 * {@code fasterapi.virtualThreads} ({@code loop} or {@code jdk}); {@link #LOOP} by default.
 */
public enum VirtualThreads {
    /**
     * On the shard's own event-loop thread, as tasks of the loop (Seastar's threads, with
     * synchronous code). A virtual thread that parks on a query resumes when the loop reads the
     * answer, without leaving the core or waking another thread: a blocking handler costs about what
     * an async one does.
     *
     * <p>The price: while such a thread runs, the loop serves no one else, as with any code on the
     * loop. It must park (which every blocking call of FasterAPI, {@code Thread.sleep}, socket I/O
     * and {@code ReentrantLock} do) rather than hold the CPU or block its carrier: long computations,
     * blocking file I/O, and anything that pins the carrier (a blocking call in a class initialiser,
     * or under a native frame) stall every connection of the loop, and a pinned wait for a query of
     * the same loop never ends. The tests' pinned-thread guard reports pinnings with their frames.
     *
     * <p>Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (JDK 21 to 25); without it, a
     * reactor falls back to {@link #JDK} and logs one line saying so.
     */
    LOOP,
    /** On the JDK's default scheduler (a ForkJoinPool of carrier threads): each query costs two hand-offs between threads. */
    JDK;

    /** The system property that chooses, when the reactor's builder does not. */
    public static final String PROPERTY = "fasterapi.virtualThreads";

    static VirtualThreads fromProperty() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) {
            return LOOP;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "loop" -> LOOP;
            case "jdk" -> JDK;
            default -> throw new IllegalArgumentException(PROPERTY + " must be 'loop' or 'jdk', got '" + v + "'");
        };
    }
}
