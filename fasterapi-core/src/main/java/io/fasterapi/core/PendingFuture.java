package io.fasterapi.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A future completed later: the state machine shared by {@link Promise} and the nodes that
 * continuations derive.
 *
 * <p>Thread ownership: when {@link #owner} is set, {@link #listeners} is only touched on the owner's
 * thread and {@link #result} only written there (release store; read with acquire anywhere), so the
 * single-shard path has no CAS. Calls from other threads are handed to the owner's loop. A future
 * without an owner (made off-loop) uses compare-and-set instead.
 */
abstract class PendingFuture<T> extends Future<T> {
    private static final VarHandle RESULT;
    private static final VarHandle LISTENERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RESULT = l.findVarHandle(PendingFuture.class, "result", Object.class);
            LISTENERS = l.findVarHandle(PendingFuture.class, "listeners", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Marks the listener slot once the listeners have been run: later ones run inline. */
    static final Continuation DONE = completed -> { };

    private final Shard owner;
    private Object result;
    /** null, one Continuation, or a ContinuationList; DONE once notified. */
    private Object listeners;

    PendingFuture(Shard owner) {
        this.owner = owner;
    }

    @Override
    final Shard owner() {
        return owner;
    }

    @Override
    final Object rawResult() {
        return RESULT.getAcquire(this);
    }

    @Override
    final Object settledResult() {
        if (owner != null && owner.inLoop()) {
            return listeners == DONE ? result : null;
        }
        return owner == null ? (LISTENERS.getAcquire(this) == DONE ? RESULT.getAcquire(this) : null)
                : RESULT.getAcquire(this);
    }

    /**
     * Completes with a raw outcome. On the owner's thread (or with no owner) this takes effect now
     * and returns whether it won; on another thread it is handed to the owner and returns true.
     */
    final boolean completeRaw(Object raw) {
        Shard o = owner;
        if (o != null) {
            if (!o.inLoop()) {
                o.execute(() -> completeRaw(raw));
                return true;
            }
            if (result != null) {
                return false;
            }
            RESULT.setRelease(this, raw);
        } else if (!RESULT.compareAndSet(this, (Object) null, raw)) {
            return false;
        }
        Trampoline.current().notify(this);
        return true;
    }

    /** Runs the registered listeners; called by the trampoline, on the completing thread. */
    final void runListeners() {
        Object l;
        if (owner != null) {
            l = listeners;
            listeners = DONE;
        } else {
            l = LISTENERS.getAndSet(this, DONE);
        }
        if (l == null) {
            return;
        }
        if (l instanceof Continuation c) {
            c.resume(this);
        } else {
            ((ContinuationList) l).resumeAll(this);
        }
    }

    @Override
    final void addContinuation(Continuation c) {
        Shard o = owner;
        if (o != null) {
            // A virtual thread carried by the owner's loop runs alone on that thread until it parks:
            // it may register here directly instead of handing the registration to the loop.
            if (o.inLoop() || o.carriesCurrentThread()) {
                Object l = listeners;
                if (l == DONE) {
                    c.resume(this);
                } else {
                    listeners = ContinuationList.append(l, c, false);
                }
            } else if (RESULT.getAcquire(this) != null) {
                c.resume(this);
            } else {
                o.execute(() -> addContinuation(c));
            }
            return;
        }
        for (;;) {
            Object l = LISTENERS.getAcquire(this);
            if (l == DONE) {
                c.resume(this);
                return;
            }
            if (LISTENERS.compareAndSet(this, l, ContinuationList.append(l, c, true))) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        Object r = rawResult();
        String state = r == null ? "pending" : r instanceof Failure f ? "failed: " + f.cause : "ready: " + unwrap(r);
        return "Future[" + state + (owner != null ? ", shard " + owner.id() : "") + "]";
    }
}
