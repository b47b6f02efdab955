package io.fasterapi.core.internal;

import io.netty.util.ResourceLeakDetector;

/**
 * Turns Netty's buffer leak detector off unless the JVM was started with a level
 * ({@code -Dio.netty.leakDetection.level=simple|advanced|paranoid}, or the older
 * {@code io.netty.leakDetectionLevel}). Netty's default samples one buffer in 128 and records a
 * stack trace at each use of it: a few percent of a server's CPU on small requests, for a report
 * only a developer reads. Vert.x makes the same choice; our own tests run at PARANOID.
 */
public final class LeakDetectionDefault {
    private LeakDetectionDefault() {
    }

    /** Applies the default; an explicit level on the command line always wins. Idempotent. */
    public static void apply() {
        if (!configured()) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** Whether a leak detection level was asked for on the command line. */
    private static boolean configured() {
        return System.getProperty("io.netty.leakDetection.level") != null
                || System.getProperty("io.netty.leakDetectionLevel") != null;
    }
}
