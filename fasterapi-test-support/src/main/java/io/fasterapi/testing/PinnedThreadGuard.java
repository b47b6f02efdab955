package io.fasterapi.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class in which a virtual thread pinned its carrier thread (JFR event
 * {@code jdk.VirtualThreadPinned}), the way Helidon's {@code PinnedThreadValidation} does.
 *
 * <p>Registered for every test of every module by JUnit's extension auto-detection (see
 * {@code META-INF/services} and the surefire configuration in the root pom); add
 * {@code @ExtendWith(PinnedThreadGuard.class)} to use it elsewhere.
 */
public final class PinnedThreadGuard implements BeforeAllCallback, AfterAllCallback {
    /**
     * The JDK's reason for a virtual thread that waited while another thread initialised a class
     * (any class, the JDK's own included, e.g. {@code java.lang.CharacterData01} on a first
     * {@code Double.parseDouble}). It happens once per class, on first use by racing threads, and
     * no code of ours can avoid it; a thread that itself runs a blocking class initialiser is still
     * reported ("VM call to X.&lt;clinit&gt; on stack").
     */
    static final String CLASS_INIT_WAIT = "Waited for initialization of ";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PinnedThreadGuard.class);

    /**
     * The pinnings that fail a test: all but waits for another thread's class initialisation, and
     * contention inside the JDK's own method-handle linkage or class loading (two virtual threads
     * resolving the same lambda, or loading the same class, for the first time contend on a lock in
     * {@code java.lang.invoke} or on the class loader's lock for that class name: the JVM's lazy
     * linking and loading, microseconds, once per class, not the code under test).
     */
    static List<String> failing(List<String> pinnings) {
        return pinnings.stream().filter(p -> !p.contains(CLASS_INIT_WAIT) && !inJdkLinkage(p)).toList();
    }

    /** Whether the pinned frame at the top of the stack is in {@code java.lang.invoke} or class loading. */
    static boolean inJdkLinkage(String pinning) {
        for (String line : pinning.split("\n")) {
            String frame = line.trim();
            if (frame.startsWith("at ")) {
                return frame.startsWith("at java.lang.invoke.") || frame.startsWith("at jdk.internal.loader.")
                        || frame.startsWith("at java.lang.ClassLoader.loadClass");
            }
        }
        return false;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("detector", new PinnedThreadDetector().start());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PinnedThreadDetector detector = context.getStore(NS).remove("detector", PinnedThreadDetector.class);
        if (detector == null) {
            return;
        }
        List<String> pinnings = failing(detector.stop());
        boolean allowed = context.getTestClass().map(c -> c.isAnnotationPresent(AllowsPinning.class)).orElse(false);
        if (!pinnings.isEmpty() && !allowed) {
            throw new AssertionError(pinnings.size() + " virtual-thread pinning(s) in "
                    + context.getDisplayName() + ":\n" + String.join("\n", pinnings));
        }
    }
}
