package io.fasterapi.pg.internal.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The idle connections of one shard that threads off its loop (virtual threads in blocking
 * handlers) claim and give back without waking the loop: a lock-free Treiber stack, so a claim is
 * one compare-and-set of its head and so is a give-back, and the most recently used connection is
 * claimed first (it stays warm).
 *
 * <p>Connections are named by a slot index, so the whole head fits in one {@code long}: the top
 * slot, the depth, and a count of removals. The count is what makes the stack ABA-safe: a claimer
 * that read the head, then stalled while others took the top, took the one below it and put the
 * top back, finds the count changed and retries instead of installing a "next" that someone now
 * holds. (The head can only come back to an earlier top through a removal.) The count also tells
 * the pool how many connections were claimed here, for its acquire figures.
 *
 * <p>The pool's rules for using it (who may claim, when a give-back goes to the loop, how claims
 * are counted) are {@link OffLoopIdle}'s, which extends this class rather than wrapping it so that a
 * claim or a give-back off the loop reads one object, as it did before the two were told apart.
 *
 * <p>Threads: {@link #push}, {@link #pop}, {@link #takeAll}, {@link #size} and {@link #removals}
 * from any thread; {@link #claimSlot} and {@link #freeSlot} on the shard's loop only, for a
 * connection that is not on the stack (opened, or about to be closed).
 */
class SharedIdleStack {
    /** Slots (and so connections per shard) a head word can name. */
    static final int MAX_SLOTS = 0xFFFF;
    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(SharedIdleStack.class, "head", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The connection in each slot; written on the loop before the connection is first handed out. */
    private final PooledConnection[] slots;
    /** Slot + 1 of the entry below each slot while it is on the stack (0 = bottom). */
    private final int[] below;
    /** Free slots, loop only. */
    private final int[] free;
    private int freeCount;
    /** removals (32 bits) | depth (16) | top slot + 1 (16); 0 in the low half = empty. */
    private volatile long head;

    SharedIdleStack(int capacity) {
        if (capacity < 1 || capacity > MAX_SLOTS) {
            throw new IllegalArgumentException("capacity must be 1.." + MAX_SLOTS + ", got " + capacity);
        }
        slots = new PooledConnection[capacity];
        below = new int[capacity];
        free = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /** A slot for a connection being opened. Loop only; there is always one while the pool stays within maxSize. */
    int claimSlot() {
        return free[--freeCount];
    }

    /** Registers {@code pc} in the slot it was given. Loop only, before anyone can push it. */
    void register(PooledConnection pc) {
        slots[pc.slot] = pc;
    }

    /** Frees the slot of a connection being closed, which is not on the stack. Loop only. */
    void freeSlot(PooledConnection pc) {
        slots[pc.slot] = null;
        free[freeCount++] = pc.slot;
    }

    /** Puts {@code pc}, held by the caller and not on the stack, on top. Any thread; one CAS when uncontended. */
    void push(PooledConnection pc) {
        int slot = pc.slot;
        for (;;) {
            long h = head;
            below[slot] = top(h);
            if (HEAD.compareAndSet(this, h, (h & ~0xFFFF_FFFFL) | ((long) (depth(h) + 1) << 16) | (slot + 1))) {
                return;
            }
        }
    }

    /** Takes the most recently pushed connection, or null when the stack is empty. Any thread; one CAS when uncontended. */
    PooledConnection pop() {
        for (;;) {
            long h = head;
            int top = top(h);
            if (top == 0) {
                return null;
            }
            int next = below[top - 1];
            long removed = (h + (1L << 32)) & ~0xFFFF_FFFFL;
            if (HEAD.compareAndSet(this, h, removed | ((long) (depth(h) - 1) << 16) | next)) {
                return slots[top - 1];
            }
        }
    }

    /** Empties the stack at once (counted as one removal); returns what it held, top first. Any thread. */
    PooledConnection[] takeAll() {
        long h;
        do {
            h = head;
            if (top(h) == 0) {
                return new PooledConnection[0];
            }
        } while (!HEAD.compareAndSet(this, h, (h + (1L << 32)) & ~0xFFFF_FFFFL));
        PooledConnection[] all = new PooledConnection[depth(h)];
        int s = top(h);
        for (int i = 0; i < all.length; i++) {
            all[i] = slots[s - 1];
            s = below[s - 1];
        }
        return all;
    }

    /** Connections on the stack now. Any thread. */
    int size() {
        return depth(head);
    }

    /** Successful {@link #pop}s plus {@link #takeAll}s so far, wrapping at 2^32. Any thread. */
    int removals() {
        return (int) (head >>> 32);
    }

    private static int top(long h) {
        return (int) h & 0xFFFF;
    }

    private static int depth(long h) {
        return (int) (h >>> 16) & 0xFFFF;
    }
}
