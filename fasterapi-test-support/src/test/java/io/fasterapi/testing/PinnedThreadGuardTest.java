package io.fasterapi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

@AllowsPinning("pins on purpose to show the detector and the guard see it")
class PinnedThreadGuardTest {

    /** Parks a virtual thread inside a class initializer: that pins its carrier on every JDK so far. */
    static final class SlowInit {
        static {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
        }
    }

    static final class SlowInit2 {
        static {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
        }
    }

    @Test
    void detectorReportsAPinnedVirtualThreadWithItsStack() throws Exception {
        PinnedThreadDetector detector = new PinnedThreadDetector().start();
        Thread.ofVirtual().start(SlowInit::touch).join();
        List<String> pinnings = detector.stop();
        assertThat(pinnings).isNotEmpty();
        assertThat(String.join("\n", pinnings)).contains("SlowInit");
    }

    /** Opened by SlowInit3's initialiser once it runs, so the second thread surely finds it running. */
    static final java.util.concurrent.CountDownLatch SLOW_INIT3_RUNNING = new java.util.concurrent.CountDownLatch(1);

    static final class SlowInit3 {
        static {
            SLOW_INIT3_RUNNING.countDown();
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
        }
    }

    @Test
    void waitingForAnotherThreadsClassInitialisationIsToleratedButRunningABlockingOneIsNot() throws Exception {
        PinnedThreadDetector detector = new PinnedThreadDetector().start();
        Thread initialiser = Thread.ofVirtual().start(SlowInit3::touch);
        SLOW_INIT3_RUNNING.await();
        Thread.sleep(20);
        Thread waiter = Thread.ofVirtual().start(SlowInit3::touch);
        initialiser.join();
        waiter.join();
        List<String> all = detector.stop();
        assertThat(String.join("\n", all)).contains(PinnedThreadGuard.CLASS_INIT_WAIT);
        List<String> failing = PinnedThreadGuard.failing(all);
        assertThat(failing).isNotEmpty().noneMatch(p -> p.contains(PinnedThreadGuard.CLASS_INIT_WAIT));
        assertThat(String.join("\n", failing)).contains("SlowInit3.<clinit>");
    }

    @Test
    void contentionInTheJdksMethodHandleLinkageIsToleratedButNotInOurCode() {
        String linkage = """
                virtual thread pinned for 8 us: Native or VM frame on stack (blocked in Contended monitor enter)
                	at java.lang.invoke.MethodTypeForm.setCachedLambdaForm line 135
                	at java.lang.invoke.DirectMethodHandle.preparedLambdaForm line 231
                	at io.fasterapi.pg.TxTest.conflictingTransfer line 104""";
        String ours = """
                virtual thread pinned for 8 us: Native or VM frame on stack (blocked in Contended monitor enter)
                	at io.fasterapi.pg.Something.synchronizedMethod line 10
                	at java.lang.invoke.DirectMethodHandle.preparedLambdaForm line 231""";
        assertThat(PinnedThreadGuard.failing(List.of(linkage, ours))).containsExactly(ours);
    }

    @Test
    void contentionOnTheClassLoadersLockForAClassIsTolerated() {
        String loading = """
                virtual thread pinned for 68 us: Freeze or preempt failed (blocked in Contended monitor enter)
                	at jdk.internal.loader.BuiltinClassLoader.loadClassOrNull line 655
                	at jdk.internal.loader.BuiltinClassLoader.loadClass line 642
                	at jdk.internal.loader.ClassLoaders$AppClassLoader.loadClass line 191
                	at java.lang.ClassLoader.loadClass line 547
                	at io.fasterapi.web.internal.websocket.WebSocketSession.write line 301""";
        String ours = """
                virtual thread pinned for 68 us: Freeze or preempt failed (blocked in Contended monitor enter)
                	at io.fasterapi.web.internal.websocket.WebSocketSession.write line 301
                	at jdk.internal.loader.BuiltinClassLoader.loadClassOrNull line 655""";
        assertThat(PinnedThreadGuard.failing(List.of(loading, ours))).containsExactly(ours);
    }

    @Test
    void detectorStaysQuietWhenNothingPins() throws Exception {
        PinnedThreadDetector detector = new PinnedThreadDetector().start();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).join();
        assertThat(detector.stop()).isEmpty();
    }

    @Test
    void guardFailsTheTestClassThatPinned() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(PinningSpec.class))
                .execute().allEvents();
        assertThat(events.failed().count()).isEqualTo(1);
        Throwable thrown = events.failed().list().get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageContaining("pinning");
    }

    /** Run only through the test kit above. */
    @ExtendWith(PinnedThreadGuard.class)
    static class PinningSpec {
        @Test
        void pins() throws Exception {
            Thread.ofVirtual().start(SlowInit2::touch).join();
        }
    }
}
