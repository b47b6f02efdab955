package io.fasterapi.pg.internal.pool;

import io.fasterapi.pg.HostStats;
import io.fasterapi.pg.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums the shards' figures into the pool's: counts added (connections per host too), acquire times the
 * worst shard's. Any thread.
 */
final class PoolFigures {
    private PoolFigures() {
    }

    static PoolStats sum(List<PoolStats> perShard) {
        int inUse = 0;
        int idle = 0;
        int waiting = 0;
        int total = 0;
        long created = 0;
        long closed = 0;
        Duration p50 = Duration.ZERO;
        Duration p99 = Duration.ZERO;
        Duration max = Duration.ZERO;
        for (PoolStats s : perShard) {
            inUse += s.inUse();
            idle += s.idle();
            waiting += s.waiting();
            total += s.total();
            created += s.created();
            closed += s.closed();
            p50 = maxOf(p50, s.acquireP50());
            p99 = maxOf(p99, s.acquireP99());
            max = maxOf(max, s.acquireMax());
        }
        return new PoolStats(inUse, idle, waiting, total, created, closed, p50, p99, max, perShard, hosts(perShard));
    }

    /** The hosts' figures of the first shard with the open connections of every shard added up. */
    private static List<HostStats> hosts(List<PoolStats> perShard) {
        if (perShard.isEmpty()) {
            return List.of();
        }
        List<HostStats> first = perShard.get(0).hosts();
        List<HostStats> out = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            int open = 0;
            for (PoolStats s : perShard) {
                open += i < s.hosts().size() ? s.hosts().get(i).open() : 0;
            }
            HostStats h = first.get(i);
            out.add(new HostStats(h.host(), h.port(), h.state(), h.role(), h.readOnly(), open, h.failures(),
                    h.lastFailure(), h.lastError()));
        }
        return out;
    }

    private static Duration maxOf(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
