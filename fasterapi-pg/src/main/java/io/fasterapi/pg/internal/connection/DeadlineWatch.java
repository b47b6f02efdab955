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
 * <p>Commands are watched in the order they were submitted; done ones leave from the head as new ones
 * arrive, so the watch holds about as many commands as are in flight.
 *
 * <p>Thread ownership: the connection's event loop.
 */
final class DeadlineWatch {
    /** Schedules a task on the connection's loop after a delay in nanoseconds. */
    interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    private final Scheduler scheduler;
    private final Consumer<Command> expired;
    private final ArrayDeque<Command> watched = new ArrayDeque<>();
    /** When the armed timer fires (a nanoTime), or 0 when none is armed. */
    private long armedAt;

    /** {@code expired} is told of each command whose deadline passed before it was done. */
    DeadlineWatch(Scheduler scheduler, Consumer<Command> expired) {
        this.scheduler = scheduler;
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
        if (armedAt == 0 || cmd.deadlineNanos - armedAt < 0) {
            arm(cmd.deadlineNanos);
        }
    }

    /** How many commands are watched (done ones may linger behind a pending head); for tests. */
    int size() {
        return watched.size();
    }

    private void arm(long at) {
        armedAt = at == 0 ? 1 : at;
        long fireAt = armedAt;
        scheduler.schedule(() -> fire(fireAt), Math.max(0, fireAt - System.nanoTime()));
    }

    private void fire(long at) {
        if (at != armedAt) {
            return; // superseded by an earlier deadline, whose timer re-armed the watch
        }
        armedAt = 0;
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
            arm(next);
        }
        if (late != null) {
            late.forEach(expired); // after the scan: timing one out may submit or watch more
        }
    }
}
