package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.HostStats;
import io.fasterapi.pg.HostStats.Role;
import io.fasterapi.pg.HostStats.State;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.config.TargetSessionAttrs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * What a pool knows of each host of its DSN, shared by every connection attempt of the pool: whether
 * the host is up (its last attempt logged in, or was refused only for {@code target_session_attrs})
 * or down (its last attempt could not connect or log in), what it said it was at its last login
 * (primary or hot standby, read-only or not), how many attempts failed, and when it may be tried
 * again. A host that fails is marked down for a jittered, growing pause ({@code backoff}); meanwhile
 * every new connection tries it after the others ({@link #order}), so a dead host costs one probe
 * per pause instead of a connect timeout per connection. Once the pause is over, one attempt (the
 * first to ask) probes it in its place again; a host known not to match the target comes after
 * those that may. Nothing is skipped: a host in its pause is still tried when every other fails, so
 * a connection succeeds wherever libpq's would.
 *
 * <p>Threads: any. Each host's state is an immutable record swapped by compare-and-set; attempts are
 * rare next to queries, so nothing here is on the hot path.
 */
public final class HostHealth {
    /**
     * One host's state.
     *
     * @param host        the DSN's host and port
     * @param state       UNKNOWN until the first attempt ends
     * @param role        at its last login
     * @param readOnly    whether its last login's session was read-only ({@code default_transaction_read_only} or standby)
     * @param failures    attempts that failed since the pool started
     * @param consecutive failures since the last success
     * @param lastFailure when the last failure was, or null
     * @param lastError   its message (never a password), or null
     * @param retryAtNanos while down, the System.nanoTime before which it is tried last
     */
    public record Snapshot(HostPort host, State state, Role role, boolean readOnly, long failures, int consecutive,
            Instant lastFailure, String lastError, long retryAtNanos) {

        Snapshot up(Role r, boolean ro) {
            return new Snapshot(host, State.UP, r, ro, failures, 0, lastFailure, lastError, 0);
        }
    }

    private final List<HostPort> hosts;
    private final List<AtomicReference<Snapshot>> states;
    private final IntFunction<Duration> backoff;

    /**
     * @param hosts   the DSN's hosts
     * @param backoff the pause after the n-th consecutive failure (n from 0)
     */
    public HostHealth(List<HostPort> hosts, IntFunction<Duration> backoff) {
        this.hosts = List.copyOf(hosts);
        this.backoff = backoff;
        List<AtomicReference<Snapshot>> s = new ArrayList<>();
        for (HostPort h : this.hosts) {
            s.add(new AtomicReference<>(new Snapshot(h, State.UNKNOWN, Role.UNKNOWN, false, 0, 0, null, null, 0)));
        }
        this.states = List.copyOf(s);
    }

    /** Whether some host's last attempt logged in (it may have been refused for its role). */
    public boolean someHostUp() {
        for (AtomicReference<Snapshot> s : states) {
            if (s.get().state() == State.UP) {
                return true;
            }
        }
        return false;
    }

    /** The DSN's hosts, in its order. */
    public List<HostPort> hosts() {
        return hosts;
    }

    /** Every host's state, in the DSN's order. */
    public List<Snapshot> snapshot() {
        return states.stream().map(AtomicReference::get).toList();
    }

    /** Every host's figures, in the DSN's order, with {@code open[i]} connections open to the i-th. */
    public List<HostStats> stats(int[] open) {
        List<HostStats> out = new ArrayList<>(hosts.size());
        for (int i = 0; i < hosts.size(); i++) {
            Snapshot s = states.get(i).get();
            out.add(new HostStats(s.host().host(), s.host().port(), s.state(), s.role(), s.readOnly(),
                    i < open.length ? open[i] : 0, s.failures(), s.lastFailure(), s.lastError()));
        }
        return out;
    }

    private AtomicReference<Snapshot> ref(HostPort h) {
        int i = hosts.indexOf(h);
        return i < 0 ? null : states.get(i);
    }

    /**
     * {@code preferred} (the DSN's order, or its shuffle) reordered, stably: first the hosts that are
     * up, unknown, or down with their pause over (this attempt then takes the probe: the pause is
     * pushed on, so the others keep trying it last meanwhile); then the up hosts whose last login
     * did not match {@code attrs}; last the hosts down within their pause.
     */
    List<HostPort> order(List<HostPort> preferred, TargetSessionAttrs attrs) {
        if (preferred.size() < 2) {
            return preferred;
        }
        long now = System.nanoTime();
        List<HostPort> first = new ArrayList<>(preferred.size());
        List<HostPort> mismatched = new ArrayList<>(1);
        List<HostPort> resting = new ArrayList<>(1);
        for (HostPort h : preferred) {
            AtomicReference<Snapshot> ref = ref(h);
            Snapshot s = ref == null ? null : ref.get();
            if (s == null || s.state() == State.UNKNOWN) {
                first.add(h);
            } else if (s.state() == State.DOWN) {
                if (s.retryAtNanos() - now <= 0 && ref.compareAndSet(s, probing(s, now))) {
                    first.add(h);
                } else {
                    resting.add(h);
                }
            } else if (!matches(s, attrs)) {
                mismatched.add(h);
            } else {
                first.add(h);
            }
        }
        first.addAll(mismatched);
        first.addAll(resting);
        return first;
    }

    private Snapshot probing(Snapshot s, long now) {
        return new Snapshot(s.host(), s.state(), s.role(), s.readOnly(), s.failures(), s.consecutive(), s.lastFailure(),
                s.lastError(), now + backoff.apply(s.consecutive()).toNanos());
    }

    private static boolean matches(Snapshot s, TargetSessionAttrs attrs) {
        if (s.role() == Role.UNKNOWN) {
            return true;
        }
        boolean standby = s.role() == Role.STANDBY;
        return attrs == TargetSessionAttrs.PREFER_STANDBY ? standby : attrs.accepts(standby, s.readOnly());
    }

    /** {@code h} logged in and said what it is (whether or not that matched the target). */
    void loggedIn(HostPort h, boolean hotStandby, boolean readOnly) {
        AtomicReference<Snapshot> ref = ref(h);
        if (ref != null) {
            ref.updateAndGet(s -> s.up(hotStandby ? Role.STANDBY : Role.PRIMARY, readOnly));
        }
    }

    /** An attempt on {@code h} failed before its login could tell what the host is: it is down for a pause. */
    void failed(HostPort h, Throwable err) {
        AtomicReference<Snapshot> ref = ref(h);
        if (ref == null) {
            return;
        }
        long now = System.nanoTime();
        Instant at = Instant.now();
        ref.updateAndGet(s -> new Snapshot(h, State.DOWN, s.role(), s.readOnly(), s.failures() + 1,
                s.consecutive() + 1, at, String.valueOf(err.getMessage()), now + backoff.apply(s.consecutive()).toNanos()));
    }
}
