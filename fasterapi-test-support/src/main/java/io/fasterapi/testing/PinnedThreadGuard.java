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
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PinnedThreadGuard.class);

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
        List<String> pinnings = detector.stop();
        boolean allowed = context.getTestClass().map(c -> c.isAnnotationPresent(AllowsPinning.class)).orElse(false);
        if (!pinnings.isEmpty() && !allowed) {
            throw new AssertionError(pinnings.size() + " virtual-thread pinning(s) in "
                    + context.getDisplayName() + ":\n" + String.join("\n", pinnings));
        }
    }
}
