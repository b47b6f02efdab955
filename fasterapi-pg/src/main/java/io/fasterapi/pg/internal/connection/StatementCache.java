package io.fasterapi.pg.internal.connection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The per-connection LRU of statements prepared by {@code exec}, keyed by SQL text. An evicted
 * statement is handed to {@code onEvict} so the connection can Close it on the server. Confined to
 * the connection's event loop.
 */
final class StatementCache {
    private final int capacity;
    private final Consumer<StatementInfo> onEvict;
    private final LinkedHashMap<String, StatementInfo> map;

    StatementCache(int capacity, Consumer<StatementInfo> onEvict) {
        this.capacity = capacity;
        this.onEvict = onEvict;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StatementInfo> eldest) {
                if (size() > StatementCache.this.capacity) {
                    StatementCache.this.onEvict.accept(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    boolean enabled() {
        return capacity > 0;
    }

    StatementInfo get(String sql) {
        return map.get(sql);
    }

    void put(StatementInfo info) {
        map.put(info.sql(), info);
    }

    void remove(StatementInfo info) {
        map.remove(info.sql(), info);
    }

    /** Forgets everything without Close: the server already dropped them (DISCARD/DEALLOCATE ALL). */
    void clear() {
        map.clear();
    }

    int size() {
        return map.size();
    }
}
