package io.fasterapi.core;

/**
 * Where a shard's virtual threads ({@link Shard#startVirtualThread}, which run blocking handlers)
 * are carried. Chosen with {@link Reactor.Builder#virtualThreads} or the system property
 * {@code fasterapi.virtualThreads} ({@code loop} or {@code jdk}); by default {@link #LOOP} on JDK 24
 * and later, {@link #JDK} before: up to JDK 23 a virtual thread that waits inside {@code synchronized}
 * (or in {@code Object.wait()}) pins its carrier, and a loop-carried thread doing so while waiting for
 * work of its own loop would never wake (JEP 491 lifted that in JDK 24).
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
     * Before JDK 24, waiting in {@code synchronized} or {@code Object.wait()} pins too, which is why
     * LOOP is the default only from JDK 24 on. And a lock that such a thread holds while it parks
     * must never be wanted by a task of its own loop: the loop thread would wait for a holder that
     * only it can resume (the pitfall that led Netty-VirtualThread-Scheduler to run the loops
     * themselves as virtual threads).
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
            return Runtime.version().feature() >= 24 ? LOOP : JDK;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "loop" -> LOOP;
            case "jdk" -> JDK;
            default -> throw new IllegalArgumentException(PROPERTY + " must be 'loop' or 'jdk', got '" + v + "'");
        };
    }
}
