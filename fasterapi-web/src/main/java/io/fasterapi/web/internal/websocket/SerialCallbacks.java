package io.fasterapi.web.internal.websocket;

import io.fasterapi.core.Shard;
import io.netty.channel.Channel;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one connection's callbacks one at a time, in submission order, on virtual threads of its
 * shard (a new one whenever the queue was idle). Pauses reading from the socket while
 * {@value #PAUSE_AT} callbacks wait and resumes once the queue is empty, so a slow handler bounds
 * the memory a fast client can fill. Submit from the loop; callbacks run off it.
 */
final class SerialCallbacks {
    static final int PAUSE_AT = 64;

    private final Shard shard;
    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    private boolean paused;

    SerialCallbacks(Shard shard, Channel channel) {
        this.shard = shard;
        this.channel = channel;
    }

    void submit(Runnable callback) {
        boolean start;
        lock.lock();
        try {
            queue.add(callback);
            if (queue.size() >= PAUSE_AT && !paused) {
                paused = true;
                channel.config().setAutoRead(false);
            }
            start = !running;
            running = true;
        } finally {
            lock.unlock();
        }
        if (start) {
            shard.startVirtualThread(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    if (paused) {
                        paused = false;
                        channel.config().setAutoRead(true);
                    }
                    return;
                }
            } finally {
                lock.unlock();
            }
            next.run();
        }
    }
}
