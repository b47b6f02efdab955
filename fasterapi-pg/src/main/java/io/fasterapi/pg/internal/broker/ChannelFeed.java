package io.fasterapi.pg.internal.broker;

import io.fasterapi.core.Cancellable;
import io.fasterapi.core.Future;
import io.fasterapi.core.Promise;
import io.fasterapi.pg.BrokerMessage;
import io.fasterapi.pg.PgNotification;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.pg.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel in one application instance: its LISTEN (through the pool's LISTEN connection), the
 * sequence number it delivers next, and its subscribers' mailboxes. Every message goes to every
 * mailbox in sequence order, each once:
 * <ul>
 * <li>a NOTIFY carrying its payload is delivered when its turn comes (it normally has come: one
 *     channel's NOTIFYs arrive in number order);</li>
 * <li>a NOTIFY that only references a stored message, a hole in the numbers (messages sent while
 *     the LISTEN connection was down, learnt from the counter after the pool's gap marker), are
 *     read from the table, in batches bounded in count and bytes, before anything after them is
 *     delivered;</li>
 * <li>numbers the table no longer holds (retention removed them) become one gap marker.</li>
 * </ul>
 * At most {@value #MAX_PENDING} payloads wait here for their turn; beyond that only their numbers
 * are kept and the payloads are read back from the table, so memory stays bounded however far the
 * table reads fall behind.
 *
 * <p>Threads: NOTIFYs arrive on the pool's LISTEN loop, query answers on a shard's loop, joins from
 * any thread; state under a {@link ReentrantLock}, held while offering to mailboxes (which never wait).
 */
final class ChannelFeed {
    private static final Logger log = LoggerFactory.getLogger(ChannelFeed.class);
    static final int MAX_PENDING = 1024;
    private static final int FETCH_ROWS = 256;
    private static final long FETCH_BYTES = 8L << 20;
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final DefaultBroker broker;
    final String channel;
    private final String notifyName;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Mailbox> mailboxes = new ArrayList<>();
    private final TreeMap<Long, String> pending = new TreeMap<>();
    private final Promise<Void> ready = new Promise<>();
    /** The number delivered next; -1 until the counter was read once LISTEN was in place. */
    private long next = -1;
    /** The highest number known to be committed. */
    private long known;
    private boolean reading;
    private boolean closed;
    private Cancellable unlisten;

    ChannelFeed(DefaultBroker broker, String channel) {
        this.broker = broker;
        this.channel = channel;
        this.notifyName = broker.sql.notifyChannel(channel);
    }

    /** LISTENs, then reads the counter: messages after it are the feed's. Completes when ready. */
    Future<Void> start() {
        broker.pool.listen(notifyName, this::onNotification).onComplete((cancel, err) -> {
            if (err != null) {
                ready.fail(err);
                broker.forget(this);
                return;
            }
            boolean stop;
            lock.lock();
            try {
                unlisten = cancel;
                stop = closed;
            } finally {
                lock.unlock();
            }
            if (stop) {
                cancel.cancel();
                return;
            }
            readCounter(true);
        });
        return ready;
    }

    private void readCounter(boolean first) {
        broker.pool.execAsync(broker.sql.counter, channel).onComplete((r, err) -> {
            if (err != null) {
                if (first) {
                    ready.fail(err);
                    broker.forget(this);
                } else {
                    retryLater(() -> readCounter(false), err);
                }
                return;
            }
            long counter;
            try (QueryResult result = r) {
                counter = result.one().getLong(0);
            }
            lock.lock();
            try {
                if (next >= 0 && counter < next - 1) {
                    // The server lost commits it had acknowledged (asynchronous commit and a crash,
                    // a restore): numbers after the counter will be given again. Start over there.
                    log.warn("broker channel {}: the server's counter ({}) is behind what was delivered ({}):"
                            + " messages were lost", channel, counter, next - 1);
                    pending.clear();
                    known = counter;
                    next = counter + 1;
                    fanOut(BrokerMessage.gap(channel, counter, 0));
                }
                known = Math.max(known, counter);
                if (next < 0) {
                    next = counter + 1;
                    pending.headMap(next).clear();
                }
                process();
            } finally {
                lock.unlock();
            }
            if (first) {
                ready.complete(null);
            }
        });
    }

    private void onNotification(PgNotification n) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (n.gap()) {
                // LISTEN is back; what was committed meanwhile is in the table up to the counter.
                if (next >= 0) {
                    readCounter(false);
                }
                return;
            }
            String text = n.payload();
            int colon = text.indexOf(':');
            long seq = Long.parseLong(colon < 0 ? text : text.substring(0, colon));
            known = Math.max(known, seq);
            if (colon >= 0 && seq >= next && pending.size() < MAX_PENDING) {
                pending.put(seq, text.substring(colon + 1));
            }
            if (next >= 0) {
                process();
            }
        } catch (NumberFormatException e) {
            log.warn("ignoring a NOTIFY on {} that the broker did not send", notifyName);
        } finally {
            lock.unlock();
        }
    }

    // Lock held. Delivers what is in order; reads the first hole from the table.
    private void process() {
        while (!reading && !closed && next <= known) {
            String payload = pending.remove(next);
            if (payload != null) {
                fanOut(BrokerMessage.of(channel, next, payload));
                next++;
                continue;
            }
            Long after = pending.ceilingKey(next);
            long to = Math.min(after == null ? known : after - 1, next + FETCH_ROWS - 1);
            read(next, to);
        }
    }

    private void read(long from, long to) {
        reading = true;
        broker.pool.execAsync(broker.sql.fetch, channel, from, to, FETCH_BYTES).onComplete((r, err) -> {
            if (err != null) {
                retryLater(() -> {
                    reading = false;
                    process();
                }, err);
                return;
            }
            lock.lock();
            try (QueryResult result = r) {
                reading = false;
                if (closed || next != from) {
                    return;
                }
                long total = 0;
                for (Row row : result.all()) {
                    long seq = row.getLong(0);
                    total = row.getLong(2);
                    if (seq > next) {
                        fanOut(BrokerMessage.gap(channel, next - 1, seq - next));
                    }
                    fanOut(BrokerMessage.of(channel, seq, row.getString(1)));
                    next = seq + 1;
                }
                if (total == result.size() && next <= to) {
                    // Nothing cut by the byte budget: the rest of the range is gone.
                    fanOut(BrokerMessage.gap(channel, next - 1, to - next + 1));
                    next = to + 1;
                }
                pending.headMap(next).clear();
                process();
            } finally {
                lock.unlock();
            }
        });
    }

    private void retryLater(Runnable again, Throwable cause) {
        log.warn("broker channel {}: reading the table failed ({}); retrying", channel, cause.getMessage());
        broker.shard.schedule(RETRY, () -> {
            lock.lock();
            try {
                if (!closed) {
                    again.run();
                }
            } finally {
                lock.unlock();
            }
        });
    }

    // Lock held.
    private void fanOut(BrokerMessage m) {
        boolean lost = false;
        for (int i = mailboxes.size() - 1; i >= 0; i--) {
            if (!mailboxes.get(i).offer(m)) {
                mailboxes.remove(i);
                lost = true;
            }
        }
        if (lost && mailboxes.isEmpty()) {
            broker.shard.execute(() -> broker.dropIfIdle(this));
        }
    }

    /**
     * Adds a mailbox that wants the messages after {@code afterSeq} ({@code < 0}: from now). When
     * the table must supply some, the mailbox holds until they are read. Completes when added.
     * False when the feed closed meanwhile (the caller takes a new one).
     */
    Future<Boolean> join(Mailbox mailbox, long afterSeq) {
        return ready.flatMap(v -> {
            long upTo;
            lock.lock();
            try {
                if (closed) {
                    return Future.ready(false);
                }
                upTo = next - 1;
                boolean replay = afterSeq >= 0 && afterSeq < upTo;
                mailbox.startAfter(afterSeq >= 0 ? afterSeq : upTo, replay);
                mailboxes.add(mailbox);
                if (!replay) {
                    return Future.ready(true);
                }
            } finally {
                lock.unlock();
            }
            replay(mailbox, afterSeq, upTo);
            return Future.ready(true);
        });
    }

    private void replay(Mailbox mailbox, long afterSeq, long upTo) {
        int limit = broker.settings.bufferSize();
        broker.pool.execAsync(broker.sql.replay, channel, afterSeq, upTo, (long) limit).onComplete((r, err) -> {
            List<BrokerMessage> out = new ArrayList<>();
            long expected = afterSeq + 1;
            if (err != null) {
                log.warn("broker channel {}: replay after {} failed: {}", channel, afterSeq, err.getMessage());
            } else {
                try (QueryResult result = r) {
                    for (Row row : result.all()) {
                        long seq = row.getLong(0);
                        if (seq > expected) {
                            out.add(BrokerMessage.gap(channel, expected - 1, seq - expected));
                        }
                        out.add(BrokerMessage.of(channel, seq, row.getString(1)));
                        expected = seq + 1;
                    }
                }
            }
            if (expected <= upTo) {
                out.add(BrokerMessage.gap(channel, expected - 1, upTo - expected + 1));
            }
            mailbox.release(out);
        });
    }

    /** Removes a mailbox; true when none is left. */
    boolean remove(Mailbox mailbox) {
        lock.lock();
        try {
            mailboxes.remove(mailbox);
            return mailboxes.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether LISTEN is in place and the counter was read: messages committed from now on arrive. */
    boolean listening() {
        return ready.isSuccess();
    }

    boolean idle() {
        lock.lock();
        try {
            return mailboxes.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Stops delivering and UNLISTENs. The broker has taken the feed out of its map. */
    void close() {
        Cancellable cancel;
        List<Mailbox> left;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cancel = unlisten;
            left = List.copyOf(mailboxes);
            mailboxes.clear();
            pending.clear();
        } finally {
            lock.unlock();
        }
        if (cancel != null) {
            cancel.cancel();
        }
        left.forEach(Mailbox::finish);
    }
}
