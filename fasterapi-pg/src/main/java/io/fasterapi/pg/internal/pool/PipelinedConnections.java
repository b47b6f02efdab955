package io.fasterapi.pg.internal.pool;

import java.util.Arrays;

/**
 * The connections of one shard leased to pipelined async statements ({@code pool.execAsync}), and
 * which of them takes the next one: the least busy below the pipelining depth, the first such in
 * the order they were leased. A connection owing the answer to a statement past its deadline takes
 * no more: the server or the network may have stalled, and what joins it would only wait behind.
 *
 * <p>An array of its own rather than a list inside: a statement leasing an idle connection adds it
 * here on the loop's hot path, which then reads no more than it did with a list.
 *
 * <p>Threads: the shard's event loop only.
 */
final class PipelinedConnections {
    private final int depth;
    private PooledConnection[] leased = new PooledConnection[8];
    private int size;

    PipelinedConnections(int pipeliningDepth) {
        this.depth = pipeliningDepth;
    }

    /** Whether {@code pc}, shared already, may take one more statement now. */
    boolean takesMore(PooledConnection pc) {
        return pc.leases < depth && !pc.connection.awaitsAbandonedAnswer();
    }

    /** The usable connection that takes the next statement, or null when none may. */
    PooledConnection leastBusy() {
        PooledConnection best = null;
        for (int i = 0; i < size; i++) {
            PooledConnection s = leased[i];
            if ((best == null || s.leases < best.leases) && s.connection.isUsable() && takesMore(s)
                    && s.connection.session().fitsTarget()) {
                best = s;
            }
        }
        return best;
    }

    /** {@code pc} was leased to a first statement. */
    void add(PooledConnection pc) {
        if (size == leased.length) {
            leased = Arrays.copyOf(leased, size * 2);
        }
        leased[size++] = pc;
    }

    /** Its last statement gave {@code pc} back. The others keep their order. */
    void remove(PooledConnection pc) {
        for (int i = 0; i < size; i++) {
            if (leased[i] == pc) {
                System.arraycopy(leased, i + 1, leased, i, size - i - 1);
                leased[--size] = null;
                return;
            }
        }
    }

    void clear() {
        Arrays.fill(leased, 0, size, null);
        size = 0;
    }
}
