package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PreparedQuery;
import io.fasterapi.pg.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements one connection has prepared: an LRU for {@code exec} SQL, and every
 * {@link PreparedQuery} run here (declared by the user, so not evicted). Evicted statements are
 * Closed on the server with the next Parse. With caching off (PgBouncer in transaction mode) every
 * statement is the unnamed one. Confined to the connection's event loop.
 */
final class PreparedStatements {
    private final StatementCache cache;
    private final Map<PreparedQuery, StatementInfo> declared = new IdentityHashMap<>();
    private final List<String> pendingCloses = new ArrayList<>();
    private long counter;

    PreparedStatements(int cacheSize) {
        this.cache = new StatementCache(cacheSize, evicted -> pendingCloses.add(evicted.name()));
    }

    boolean enabled() {
        return cache.enabled();
    }

    StatementInfo lookup(String sql, PreparedQuery prepared) {
        if (!cache.enabled()) {
            return null;
        }
        return prepared != null ? declared.get(prepared) : cache.get(sql);
    }

    String nextName() {
        return cache.enabled() ? "fa" + (++counter) : "";
    }

    void remember(StatementInfo info, PreparedQuery prepared) {
        if (info.name().isEmpty()) {
            return;
        }
        if (prepared != null) {
            StatementInfo old = declared.put(prepared, info);
            if (old != null) {
                pendingCloses.add(old.name());
            }
        } else {
            StatementInfo old = cache.get(info.sql());
            if (old != null) {
                cache.remove(old);
                pendingCloses.add(old.name());
            }
            cache.put(info);
        }
    }

    /** Drops a statement the server no longer accepts (0A000, 26000); it is Closed with the next Parse. */
    void forget(StatementInfo info, PreparedQuery prepared) {
        if (info.name().isEmpty()) {
            return;
        }
        boolean removed = prepared != null ? declared.remove(prepared, info) : cache.get(info.sql()) == info;
        if (prepared == null && removed) {
            cache.remove(info);
        }
        if (removed) {
            pendingCloses.add(info.name());
        }
    }

    /** DISCARD ALL / DEALLOCATE ALL ran: the server has no statements left. */
    void clearAll() {
        cache.clear();
        declared.clear();
        pendingCloses.clear();
    }

    /** Writes Close for evicted statements; their CloseComplete arrives in the exchange that follows. */
    void writePendingCloses(ByteBuf out) {
        for (String name : pendingCloses) {
            FrontendMessages.closeStatement(out, name);
        }
        pendingCloses.clear();
    }

    int cachedCount() {
        return cache.size() + declared.size();
    }
}
