package io.fasterapi.pg.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Cancellable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DeadlineWatchTest {

    /** A command that is done when told; records nothing else. */
    static final class Statement extends Command {
        boolean done;

        Statement(long deadlineNanos) {
            super(deadlineNanos);
        }

        @Override
        void write(PgConnection connection) {
            throw new UnsupportedOperationException();
        }

        @Override
        void fail(Throwable cause) {
            done = true;
        }

        @Override
        boolean isDone() {
            return done;
        }

        @Override
        String describe() {
            return "statement";
        }
    }

    /** A loop's timer queue, fired by hand; a cancelled task does nothing when run, as on a loop. */
    static final class Timers implements EarliestDeadlineTimer.Scheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override
        public Cancellable schedule(long delayNanos, Runnable task) {
            AtomicBoolean cancelled = new AtomicBoolean();
            tasks.add(() -> {
                if (!cancelled.get()) {
                    task.run();
                }
            });
            delays.add(delayNanos);
            return () -> !cancelled.getAndSet(true);
        }

        void fireAll() {
            List<Runnable> due = new ArrayList<>(tasks);
            tasks.clear();
            due.forEach(Runnable::run);
        }
    }

    final Timers timers = new Timers();
    final List<Command> expired = new ArrayList<>();
    final DeadlineWatch watch = new DeadlineWatch(timers, expired::add);

    @Test
    void statementsAnsweredBeforeTheirDeadlineCostOneTimerBetweenThemAndLeaveNothingBehind() {
        long in30s = System.nanoTime() + 30_000_000_000L;
        for (int i = 0; i < 10_000; i++) {
            Statement s = new Statement(in30s + i);
            watch.watch(s);
            s.done = true;                                    // answered long before its deadline
        }
        assertThat(timers.tasks).hasSize(1);
        assertThat(watch.size()).isLessThanOrEqualTo(1);
        timers.fireAll();
        assertThat(expired).isEmpty();
        assertThat(timers.tasks).as("nothing pending: no timer re-armed").isEmpty();
    }

    @Test
    void anEarlierDeadlineArmsAnEarlierTimerAndTheLaterOneStandsDown() {
        long now = System.nanoTime();
        Statement late = new Statement(now + 60_000_000_000L);
        Statement soon = new Statement(now - 1);               // already past
        watch.watch(late);
        watch.watch(soon);
        assertThat(timers.tasks).hasSize(2);
        assertThat(timers.delays.get(1)).isZero();
        timers.tasks.get(1).run();                             // the earlier timer
        assertThat(expired).containsExactly(soon);
        assertThat(timers.tasks).hasSize(3);                   // re-armed for the late one
        timers.tasks.get(0).run();                             // the superseded timer does nothing
        assertThat(expired).containsExactly(soon);
        assertThat(watch.size()).isEqualTo(1);
    }

    @Test
    void aFiringTimesOutEveryPendingStatementPastItsDeadlineAndSkipsTheAnswered() {
        long past = System.nanoTime() - 1;
        Statement answered = new Statement(past);
        Statement pending1 = new Statement(past);
        Statement pending2 = new Statement(past + 1);
        Statement noDeadline = new Statement(0);
        watch.watch(answered);
        watch.watch(pending1);
        watch.watch(pending2);
        watch.watch(noDeadline);
        answered.done = true;
        timers.fireAll();
        assertThat(expired).containsExactly(pending1, pending2);
        assertThat(watch.size()).isZero();
    }
}
