package io.fasterapi.web.internal.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StartupTaskTest {
    @Test
    void runsOnANamedPlatformThreadAndAwaitReturnsWhenItEnds() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        StartupTask task = StartupTask.start("startup-task-test", () -> ranOn.set(Thread.currentThread()));
        task.await();
        assertThat(ranOn.get().getName()).isEqualTo("startup-task-test");
        assertThat(ranOn.get().isVirtual()).isFalse();
        assertThat(ranOn.get().isDaemon()).isTrue();
    }

    @Test
    void theWorksFailureIsThrownByAwaitAsItWas() {
        IllegalStateException failure = new IllegalStateException("warm-up failed");
        StartupTask task = StartupTask.start("startup-task-test", () -> {
            throw failure;
        });
        assertThatThrownBy(task::await).isSameAs(failure);
        assertThatThrownBy(task::await).isSameAs(failure);
    }

    @Test
    void anInterruptDoesNotCutTheWaitShortAndIsKept() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        StartupTask task = StartupTask.start("startup-task-test", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            finished.set(true);
        });
        AtomicBoolean finishedSeenByWaiter = new AtomicBoolean();
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            task.await();
            finishedSeenByWaiter.set(finished.get());
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        while (waiter.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        Thread.sleep(50);
        assertThat(waiter.isAlive()).as("still waiting after the interrupt").isTrue();
        release.countDown();
        waiter.join(10_000);
        assertThat(finishedSeenByWaiter).isTrue();
        assertThat(interruptKept).isTrue();
    }
}
