package io.fasterapi.pg;

import java.time.Instant;

/**
 * One host of a pool's connection string as the pool sees it, in {@link PoolStats#hosts()}: whether
 * it is up, what it was at its last login, how many of the pool's connections are open to it, and
 * how its connection attempts went. A host whose attempt fails is {@link State#DOWN}: new connections
 * try it after the other hosts until a jittered pause (the pool's {@link PgPool.Builder#reconnectBackoff},
 * growing with each consecutive failure) is over; then one attempt probes it first again.
 * {@code docs/replicas.md} describes the failover this serves.
 *
 * @param host        the host as the DSN names it
 * @param port        its port
 * @param state       up, down, or unknown (not tried yet)
 * @param role        primary or standby, as its last login reported ({@code in_hot_standby}); unknown before
 * @param readOnly    whether its last login's session was read-only (a standby, or
 *                    {@code default_transaction_read_only} on)
 * @param open        the pool's open connections to it (all shards; per shard in a shard's entry)
 * @param failures    connection attempts to it that failed since the pool started (not counting logins
 *                    refused only for {@code target_session_attrs}: the host is up, just not the kind wanted)
 * @param lastFailure when the last attempt failed, or null
 * @param lastError   why (a message without the password), or null
 */
public record HostStats(String host, int port, State state, Role role, boolean readOnly, int open, long failures,
        Instant lastFailure, String lastError) {

    /** Whether a host answers. */
    public enum State {
        /** No attempt has ended yet. */
        UNKNOWN,
        /** Its last attempt logged in (whether or not it matched {@code target_session_attrs}). */
        UP,
        /** Its last attempt could not connect or log in. */
        DOWN
    }

    /** What a host was at its last login. */
    public enum Role { UNKNOWN, PRIMARY, STANDBY }

    /** {@code host:port} ({@code [v6]:port} for an IPv6 literal), as metrics tag it. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
