package io.fasterapi.pg.internal.config;

import java.util.Locale;

/** libpq's {@code target_session_attrs}: which of several hosts a connection may settle on. */
public enum TargetSessionAttrs {
    ANY, READ_WRITE, READ_ONLY, PRIMARY, STANDBY, PREFER_STANDBY;

    static TargetSessionAttrs parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Whether a server with these reported states is acceptable. {@code PREFER_STANDBY} accepts
     * anything here; the connector makes a second pass for it.
     */
    public boolean accepts(boolean hotStandby, boolean readOnly) {
        return switch (this) {
            case ANY, PREFER_STANDBY -> true;
            case READ_WRITE -> !readOnly;
            case READ_ONLY -> readOnly;
            case PRIMARY -> !hotStandby;
            case STANDBY -> hotStandby;
        };
    }
}
