package io.fasterapi.core;

import java.util.Objects;

/**
 * The writable side of a {@link Future}: whoever holds it completes the future once.
 *
 * <p>A promise belongs to a shard: the one given, or the one whose loop creates it. Completing it
 * on that shard's thread runs the continuations at once; completing it from another thread hands
 * the completion to the shard's loop. A promise made off any loop (a virtual thread, say) has no
 * owner: it is completed with a compare-and-set and runs continuations on the completing thread.
 *
 * {@snippet :
 * Promise<String> p = new Promise<>();
 * channel.writeAndFlush(msg).addListener(f -> p.complete("sent"));
 * return p;                       // a Promise is its own Future
 * }
 *
 * @param <T> the type of the value
 */
public final class Promise<T> extends PendingFuture<T> {

    /** A promise owned by the current thread's shard, or by none when called off-loop. */
    public Promise() {
        super(Shard.current());
    }

    /** A promise owned by {@code owner} (null for none). */
    public Promise(Shard owner) {
        super(owner);
    }

    /**
     * Completes the future with {@code value}. Returns false if it was already complete. Called off
     * the owner's thread, the completion is handed to the owner and this returns true (a later
     * duplicate completion is then ignored).
     */
    public boolean complete(T value) {
        return completeRaw(wrap(value));
    }

    /** Fails the future with {@code cause}; otherwise as {@link #complete}. */
    public boolean fail(Throwable cause) {
        return completeRaw(new Failure(Objects.requireNonNull(cause, "cause")));
    }

    /** Completes this promise with the outcome of {@code other}, when it completes. */
    public void completeWith(Future<? extends T> other) {
        other.addContinuation(completed -> completeRaw(completed.rawResult()));
    }

    /** This promise, seen as its read-only future. */
    public Future<T> future() {
        return this;
    }
}
