package io.fasterapi.core.internal;

/**
 * Turns Netty's flight-recorder events (its buffer allocator's chunk allocations and frees) off unless the
 * JVM was started with {@code -Dio.netty.jfr.enabled}. With them on, Netty 4.2's default wherever JFR is
 * available, the first buffer a process allocates registers Netty's event classes with JFR, which sets up
 * JFR's metadata repository: about 40 ms of CPU on the event loop of the first connection (a profile of the
 * TechEmpower example's start), whether or not a recording ever runs. {@code -Dio.netty.jfr.enabled=true}
 * brings the events back for a flight recording. Must run before Netty's {@code PlatformDependent} is
 * initialised, which reads the property once: {@code Reactor} applies it before it touches Netty.
 */
public final class JfrEventsDefault {
    /** Netty's switch for its JFR events, read once when {@code PlatformDependent} initialises. */
    public static final String PROPERTY = "io.netty.jfr.enabled";

    private JfrEventsDefault() {
    }

    /** Applies the default; an explicit value on the command line always wins. Idempotent. */
    public static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "false");
        }
    }
}
