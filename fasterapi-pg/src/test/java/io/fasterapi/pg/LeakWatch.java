package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty's leak detector (PARANOID in the tests) reports a buffer that was never
 * released. The detector only logs by default, and only notices a leak once the buffer has been
 * garbage-collected and a later allocation polls its queue: so after each test this collects
 * garbage and allocates until the queue is drained. Leaks of earlier test classes are flushed (to
 * the log) before the first test, so they are not blamed on this one. Use with
 * {@code @ExtendWith(LeakWatch.class)}.
 */
final class LeakWatch implements BeforeAllCallback, AfterEachCallback {
    private static final List<String> leaks = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        ByteBufUtil.setLeakListener(null);
        drain();
        leaks.clear();
        ByteBufUtil.setLeakListener((type, records) -> leaks.add(type + " leaked:" + records));
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        assertThat(leaksSinceLastCheck()).as("buffers leaked during %s", context.getDisplayName()).isEmpty();
    }

    /** The leaks reported since the last call (or since the watch was installed). */
    static List<String> leaksSinceLastCheck() throws InterruptedException {
        drain();
        List<String> found = List.copyOf(leaks);
        leaks.clear();
        return found;
    }

    /** Lets the detector see every buffer that became garbage: GC, then allocations that poll its queue. */
    private static void drain() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(30);
            for (int i = 0; i < 50; i++) {
                ByteBufAllocator.DEFAULT.directBuffer(8).release();
                ByteBufAllocator.DEFAULT.heapBuffer(8).release();
            }
        }
    }
}
