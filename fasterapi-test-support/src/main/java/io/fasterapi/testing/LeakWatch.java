package io.fasterapi.testing;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class during which Netty's leak detector (PARANOID in the tests) reported a buffer
 * that was never released, naming the leak record (where the buffer was allocated and last touched).
 *
 * <p>The detector only logs by default, and only notices a leak once the buffer has been
 * garbage-collected and a later allocation polls its queue, so reports arrive late and on any
 * thread. This extension listens to every report ({@link ByteBufUtil#setLeakListener}) and, after
 * each top-level test class, collects garbage, waits for the reference handler and allocates a
 * buffer so the detector reports what it queued. A leak that surfaces only after its class ended is
 * reported with a later class (marked as possibly an earlier class's when it surfaced between two
 * classes); its record still names where the buffer was allocated and touched.
 *
 * <p>Registered for every test of every module by JUnit's extension auto-detection (see
 * {@code META-INF/services} and the surefire configuration in the root pom); add
 * {@code @ExtendWith(LeakWatch.class)} to use it elsewhere. {@link LeaksOnPurpose} exempts a class.
 * Test classes must run one at a time in a JVM (the detector is global), as they do here.
 */
public final class LeakWatch implements BeforeAllCallback, AfterAllCallback {
    /** Longest wait for the reference handler to queue what a collection found (it takes well under this). */
    private static final long ENQUEUE_TIMEOUT_MILLIS = 200;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LeakWatch.class);
    /** Every report since the JVM started; guarded by itself. */
    private static final List<String> reports = new ArrayList<>();
    /** Reports up to this index were already checked by a class that ended. Guarded by {@link #reports}. */
    private static int checked;

    static {
        ByteBufUtil.setLeakListener((type, records) -> {
            synchronized (reports) {
                reports.add(type + " leaked:" + records);
            }
        });
    }

    /** Where this class's reports start in {@link #reports}: stragglers of earlier classes first, then its own. */
    private record Marks(int carriedFrom, int ownFrom) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!topLevel(context)) {
            return;
        }
        pollDetector();
        synchronized (reports) {
            context.getStore(NS).put(Marks.class, new Marks(checked, reports.size()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        Marks marks = topLevel(context) ? context.getStore(NS).remove(Marks.class, Marks.class) : null;
        if (marks == null) {
            return;
        }
        drain();
        List<String> found = new ArrayList<>();
        synchronized (reports) {
            for (int i = marks.carriedFrom(); i < reports.size(); i++) {
                found.add(i < marks.ownFrom()
                        ? "(reported before this class started: an earlier class may have leaked it) " + reports.get(i)
                        : reports.get(i));
            }
            checked = reports.size();
        }
        boolean exempt = context.getTestClass().map(c -> c.isAnnotationPresent(LeaksOnPurpose.class)).orElse(false);
        if (!found.isEmpty() && !exempt) {
            throw new AssertionError(found.size() + " Netty buffer leak(s) reported during " + context.getDisplayName()
                    + ":\n" + String.join("\n", found));
        }
    }

    /** Only a class run on its own (not a {@code @Nested} one): one check per class keeps the suite fast. */
    private static boolean topLevel(ExtensionContext context) {
        return context.getTestClass().isPresent()
                && context.getParent().flatMap(ExtensionContext::getTestClass).isEmpty();
    }

    /**
     * Lets the detector see every buffer that became garbage: one full collection (the costly part,
     * so once per class), a wait until the reference handler has queued what it found (a sentinel
     * collected with it comes out of its own queue), then an allocation that polls the detector.
     */
    static void drain() throws InterruptedException {
        ReferenceQueue<Object> sentinelQueue = new ReferenceQueue<>();
        WeakReference<Object> sentinel = new WeakReference<>(new Object(), sentinelQueue);
        System.gc();
        if (sentinelQueue.remove(ENQUEUE_TIMEOUT_MILLIS) == sentinel) {
            Thread.sleep(2); // the trackers found by the same collection are handed over in the same batch
        }
        pollDetector();
    }

    /** Under PARANOID every allocation makes the detector report everything queued so far. */
    private static void pollDetector() {
        ByteBufAllocator.DEFAULT.heapBuffer(8).release();
        ByteBufAllocator.DEFAULT.directBuffer(8).release();
    }

    /** The reports since {@code mark} (a value of {@link #reportCount()}), after a {@link #drain()}. For tests. */
    static List<String> reportsSince(int mark) throws InterruptedException {
        drain();
        synchronized (reports) {
            return List.copyOf(reports.subList(mark, reports.size()));
        }
    }

    /** How many reports arrived so far. For tests. */
    static int reportCount() {
        synchronized (reports) {
            return reports.size();
        }
    }
}
