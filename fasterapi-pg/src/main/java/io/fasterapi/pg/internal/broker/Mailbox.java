package io.fasterapi.pg.internal.broker;

import io.fasterapi.pg.BrokerMessage;
import io.fasterapi.pg.BrokerSubscription;
import io.fasterapi.pg.PgBroker.Overflow;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded buffer between its channel's feed and its {@link Sink}. The feed offers
 * each message without ever waiting; a virtual thread hands the buffered ones to the sink, one at a
 * time and in order, as far as the sink's demand allows (unbounded for a callback, what a
 * {@code Flow} subscriber requested for a stream, delivered on the requesting thread when it asks
 * for more). A full buffer follows the {@link Overflow}
 * policy: {@code DROP} loses the message and owes a gap marker (handed on before the next message,
 * or as soon as the buffer is empty), {@code DISCONNECT} ends the
 * subscription after what is buffered and a gap marker.
 *
 * <p>While a replay from the table is being read the mailbox holds: live messages queue behind
 * and are handed on once the replay is put in front of them.
 *
 * <p>Threads: any; state under a {@link ReentrantLock} (never held while the sink runs).
 */
final class Mailbox implements BrokerSubscription {
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

    /** Where the messages go. Runs on the mailbox's virtual thread. */
    interface Sink {
        void deliver(BrokerMessage message) throws Exception;

        /** The subscription ended by its overflow policy (not by {@link #close()}). */
        void end();
    }

    private final String channel;
    private final int capacity;
    private final Overflow overflow;
    private final Sink sink;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<BrokerMessage> queue = new ArrayDeque<>();
    private Runnable onClose = () -> { };
    private long demand;
    private boolean draining;
    private boolean holding;
    /** Messages numbered up to this one are not wanted (already replayed, or before the start). */
    private long floor = -1;
    /** The last message queued, for the seq of a gap marker. */
    private long lastQueued;
    private long owedGap;
    private long dropped;
    private boolean ended;
    private boolean endSignalled;
    private boolean closed;

    Mailbox(String channel, int capacity, Overflow overflow, Sink sink, boolean unboundedDemand) {
        this.channel = channel;
        this.capacity = capacity;
        this.overflow = overflow;
        this.sink = sink;
        this.demand = unboundedDemand ? Long.MAX_VALUE : 0;
    }

    /** What closing does besides stopping deliveries (leaving the feed). Before the mailbox is shared. */
    void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Holds deliveries until {@link #release}; messages up to {@code floor} will be ignored. */
    void startAfter(long floor, boolean hold) {
        lock.lock();
        try {
            this.floor = floor;
            this.lastQueued = Math.max(floor, 0);
            this.holding = hold;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Offers a message (or a gap marker) from the feed; never waits. Returns false when the mailbox
     * wants nothing more (closed or ended), so the feed can forget it.
     */
    boolean offer(BrokerMessage m) {
        boolean start;
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            if (!m.gap() && m.seq() <= floor) {
                return true;
            }
            // After a gap the feed's numbering goes on from the gap's number (lower, if the server
            // lost messages and gives their numbers again).
            floor = m.seq();
            if (owedGap > 0 || queue.size() >= capacity) {
                if (queue.size() >= capacity) {
                    lose(m);
                    return !ended;
                }
                queue.add(BrokerMessage.gap(channel, lastQueued, owedGap));
                owedGap = 0;
            }
            queue.add(m);
            if (!m.gap()) {
                lastQueued = m.seq();
            }
            start = mayStart();
        } finally {
            lock.unlock();
        }
        if (start) {
            startDrain();
        }
        return true;
    }

    // Lock held; the queue is full.
    private void lose(BrokerMessage m) {
        if (m.gap()) {
            owedGap += Math.max(m.missed(), 1);
        } else {
            dropped++;
            owedGap++;
        }
        if (overflow == Overflow.DISCONNECT) {
            // How many more it would have missed nobody counts: the subscription ends here.
            queue.add(BrokerMessage.gap(channel, lastQueued, 0));
            owedGap = 0;
            ended = true;
            if (mayStart()) {
                startDrain();
            }
        }
    }

    /** Puts a replay read from the table in front of the live messages and starts delivering. */
    void release(List<BrokerMessage> replay) {
        boolean start;
        lock.lock();
        try {
            holding = false;
            for (int i = replay.size() - 1; i >= 0; i--) {
                queue.addFirst(replay.get(i));
            }
            start = mayStart();
        } finally {
            lock.unlock();
        }
        if (start) {
            startDrain();
        }
    }

    /**
     * A {@code Flow} subscriber's request. What is buffered is handed on right here, on the
     * requesting thread (an SSE response requests each event once the previous one is written, on
     * its event loop): no thread hop per event. The requester holds none of the broker's locks, and
     * a request made from inside {@code onNext} only adds demand to the drain in progress.
     */
    void request(long n) {
        boolean start;
        lock.lock();
        try {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
            start = mayStart();
        } finally {
            lock.unlock();
        }
        if (start) {
            drain();
        }
    }

    // Lock held.
    private boolean mayStart() {
        if (draining || closed || holding) {
            return false;
        }
        boolean work = (demand > 0 && (!queue.isEmpty() || owedGap > 0))
                || (ended && queue.isEmpty() && !endSignalled);
        if (work) {
            draining = true;
        }
        return work;
    }

    private void startDrain() {
        Thread.ofVirtual().name("fasterapi-broker-" + channel).start(this::drain);
    }

    private void drain() {
        while (true) {
            BrokerMessage next = null;
            lock.lock();
            try {
                if (closed) {
                    draining = false;
                    return;
                }
                if (demand > 0 && (!queue.isEmpty() || owedGap > 0)) {
                    next = queue.poll();
                    if (next == null) {
                        // Caught up after dropping: say so now rather than with the next message.
                        next = BrokerMessage.gap(channel, lastQueued, owedGap);
                        owedGap = 0;
                    }
                    if (demand != Long.MAX_VALUE) {
                        demand--;
                    }
                } else if (ended && queue.isEmpty() && !endSignalled) {
                    endSignalled = true;
                } else {
                    draining = false;
                    return;
                }
            } finally {
                lock.unlock();
            }
            if (next == null) {
                onClose.run();
                sink.end();
                continue;
            }
            try {
                sink.deliver(next);
            } catch (Exception | Error e) {
                log.warn("subscriber of broker channel {} failed on message {}", channel, next.seq(), e);
            }
        }
    }

    /**
     * Ends the subscription because the broker closes: nothing more is delivered, and a stream's
     * subscriber gets {@code onComplete} (an SSE response ends) instead of waiting for ever.
     */
    void finish() {
        boolean start;
        lock.lock();
        try {
            if (ended) {
                return;
            }
            ended = true;
            queue.clear();
            owedGap = 0;
            start = mayStart();
        } finally {
            lock.unlock();
        }
        if (start) {
            startDrain();
        }
    }

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        lock.lock();
        try {
            return !ended && !closed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            ended = true;
            queue.clear();
        } finally {
            lock.unlock();
        }
        onClose.run();
    }
}
