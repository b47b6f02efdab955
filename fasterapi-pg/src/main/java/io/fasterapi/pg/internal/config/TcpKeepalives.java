package io.fasterapi.pg.internal.config;

/**
 * The TCP keepalive settings of the driver's sockets, from libpq's DSN keys: {@code keepalives}
 * (on unless 0), {@code keepalives_idle}, {@code keepalives_interval} (seconds),
 * {@code keepalives_count}, and {@code tcp_user_timeout} (milliseconds). Zero in the last four means
 * the operating system's default, as an absent key does in libpq. Immutable.
 *
 * <p>Keepalives find a server (or a NAT or firewall in between) that vanished without a FIN or RST
 * while the connection was idle; {@code tcp_user_timeout} bounds how long sent data may stay
 * unacknowledged before the kernel drops the connection, so a write to a dead peer fails instead of
 * retrying for the kernel's ~15 minutes.
 *
 * @param enabled           SO_KEEPALIVE ({@code keepalives}, default 1)
 * @param idleSeconds       TCP_KEEPIDLE: idle time before the first probe, or 0 for the system's
 * @param intervalSeconds   TCP_KEEPINTVL: time between probes, or 0 for the system's
 * @param count             TCP_KEEPCNT: unanswered probes before the connection is dropped, or 0 for the system's
 * @param userTimeoutMillis TCP_USER_TIMEOUT, or 0 for the system's
 */
public record TcpKeepalives(boolean enabled, int idleSeconds, int intervalSeconds, int count, int userTimeoutMillis) {
    /** libpq's defaults: keepalives on, every timing the system's. */
    public static final TcpKeepalives DEFAULT = new TcpKeepalives(true, 0, 0, 0, 0);

    public TcpKeepalives {
        if (idleSeconds < 0 || intervalSeconds < 0 || count < 0 || userTimeoutMillis < 0) {
            throw new IllegalArgumentException("keepalive settings cannot be negative");
        }
    }
}
