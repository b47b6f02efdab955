package io.fasterapi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The leak watch every test class runs under does see a buffer that was never released. */
@LeaksOnPurpose("leaks buffers to show the watch reports them")
class LeakWatchTest {

    @Test
    void reportsABufferThatBecameGarbageUnreleased() throws InterruptedException {
        int mark = LeakWatch.reportCount();
        forgetABuffer();
        assertThat(LeakWatch.reportsSince(mark)).singleElement().asString().contains("forgetABuffer");
    }

    @Test
    void failsTheTestClassThatLeakedNamingWhereTheBufferWasAllocated() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(LeakingSpec.class)).execute().allEvents();
        assertThat(events.failed().count()).isEqualTo(1);
        Throwable thrown = events.failed().list().get(0).getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining("leak")
                .hasMessageContaining("LeakingSpec.leaks");
    }

    @Test
    void leavesAClassThatLeaksOnPurposeAlone() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(ExemptSpec.class)).execute().allEvents();
        assertThat(events.failed().count()).isZero();
        assertThat(events.succeeded().count()).isPositive();
    }

    private static void forgetABuffer() {
        ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(16);
        b.writeInt(42); // a recorded access, so the report carries a trace
    }

    /** Run only through the test kit above. */
    @ExtendWith(LeakWatch.class)
    static class LeakingSpec {
        @Test
        void leaks() {
            ByteBuf b = ByteBufAllocator.DEFAULT.heapBuffer(16);
            b.writeLong(7);
        }
    }

    /** Run only through the test kit above. */
    @ExtendWith(LeakWatch.class)
    @LeaksOnPurpose("shows the exemption")
    static class ExemptSpec {
        @Test
        void leaks() {
            ByteBufAllocator.DEFAULT.heapBuffer(16).writeLong(7);
        }
    }
}
