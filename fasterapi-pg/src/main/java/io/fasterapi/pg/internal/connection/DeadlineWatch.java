package io.fasterapi.pg.internal.connection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The deadlines of one connection's commands behind a single timer, armed at the earliest deadline of
 * the commands not yet done. A timer per statement would leave one scheduled task per statement in
 * the event loop's queue until its deadline (30 s by default) long after the statement answered: at
 * tens of thousands of statements a second, a queue of a million tasks that every insertion sifts and
 * the garbage collector scans. Here a statement costs an append; the timer fires about once per
 * deadline period, finds the commands it watched answered, and re-arms at the oldest one still pending.
 *
 * <p>The timer is the one the pool's waiters share ({@link EarliestDeadlineTimer}). Commands are
 * watched in the order they were submitted; done ones leave from the head as new ones arrive, so the
 * watch holds about as many commands as are in flight.
 *
 * <p>Thread ownership: the connection's event loop.
 */
final class DeadlineWatch {
    private final EarliestDeadlineTimer timer;
    private final Consumer<Command> expired;
    private final ArrayDeque<Command> watched = new ArrayDeque<>();

    /** {@code expired} is told of each command whose deadline passed before it was done. */
    DeadlineWatch(EarliestDeadlineTimer.Scheduler scheduler, Consumer<Command> expired) {
        this.timer = new EarliestDeadlineTimer(scheduler, this::fire);
        this.expired = expired;
    }

    /** Watches {@code cmd}'s deadline, if it has one. */
    void watch(Command cmd) {
        while (!watched.isEmpty() && watched.peekFirst().isDone()) {
            watched.pollFirst();
        }
        if (cmd.deadlineNanos == 0) {
            return;
        }
        watched.addLast(cmd);
        timer.arm(cmd.deadlineNanos);
    }

    /** How many commands are watched (done ones may linger behind a pending head); for tests. */
    int size() {
        return watched.size();
    }

    private void fire() {
        long now = System.nanoTime();
        long next = 0;
        boolean pending = false;
        List<Command> late = null;
        for (Iterator<Command> it = watched.iterator(); it.hasNext(); ) {
            Command cmd = it.next();
            if (cmd.isDone()) {
                it.remove();
            } else if (cmd.deadlineNanos - now <= 0) {
                it.remove();
                if (late == null) {
                    late = new ArrayList<>();
                }
                late.add(cmd);
            } else if (!pending || cmd.deadlineNanos - next < 0) {
                next = cmd.deadlineNanos;
                pending = true;
            }
        }
        if (pending) {
            timer.arm(next);
        }
        if (late != null) {
            late.forEach(expired); // after the scan: timing one out may submit or watch more
        }
    }
}
