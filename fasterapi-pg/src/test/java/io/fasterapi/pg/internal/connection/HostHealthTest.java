package io.fasterapi.pg.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.HostStats;
import io.fasterapi.pg.internal.config.HostPort;
import io.fasterapi.pg.internal.config.TargetSessionAttrs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order in which {@link HostHealth} has a new connection try the hosts, and what it records. */
class HostHealthTest {
    static final HostPort A = new HostPort("a", 5432);
    static final HostPort B = new HostPort("b", 5432);
    static final HostPort C = new HostPort("c", 5432);
    static final List<HostPort> ABC = List.of(A, B, C);

    @Test
    void untriedAndUpHostsKeepTheDsnsOrder() {
        HostHealth h = new HostHealth(ABC, n -> Duration.ofHours(1));
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).containsExactly(A, B, C);
        h.loggedIn(B, false, false);
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).containsExactly(A, B, C);
        assertThat(h.order(List.of(C, A, B), TargetSessionAttrs.ANY)).as("a shuffled order is kept").containsExactly(C, A, B);
    }

    @Test
    void aFailedHostGoesLastWhileItRestsAndASuccessBringsItBack() {
        HostHealth h = new HostHealth(ABC, n -> Duration.ofHours(1));
        h.failed(A, new IOException("refused"));
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).containsExactly(B, C, A);
        h.failed(C, new IOException("refused"));
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).as("resting hosts keep their order among themselves")
                .containsExactly(B, A, C);
        h.loggedIn(A, false, false);
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).containsExactly(A, B, C);
        HostHealth.Snapshot a = h.snapshot().get(0);
        assertThat(a.state()).isEqualTo(HostStats.State.UP);
        assertThat(a.failures()).isEqualTo(1);
        assertThat(a.consecutive()).isZero();
        assertThat(a.lastError()).isEqualTo("refused");
    }

    @Test
    void onceItsPauseIsOverOneAttemptProbesTheHostInItsPlaceAndTheOthersStillTryItLast() {
        // The first pause is over at once; the one pushed on by the probe lasts an hour.
        HostHealth h = new HostHealth(ABC, n -> n == 0 ? Duration.ZERO : Duration.ofHours(1));
        h.failed(A, new IOException("refused"));
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).as("the probe").containsExactly(A, B, C);
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).as("while the probe runs").containsExactly(B, C, A);
    }

    @Test
    void eachConsecutiveFailureAsksTheBackoffForTheNextPause() {
        java.util.List<Integer> asked = new java.util.ArrayList<>();
        HostHealth h = new HostHealth(ABC, n -> {
            asked.add(n);
            return Duration.ofHours(1);
        });
        h.failed(B, new IOException("1"));
        h.failed(B, new IOException("2"));
        h.failed(B, new IOException("3"));
        assertThat(asked).containsExactly(0, 1, 2);
        assertThat(h.snapshot().get(1).consecutive()).isEqualTo(3);
        assertThat(h.snapshot().get(1).lastError()).isEqualTo("3");
    }

    @Test
    void hostsKnownNotToMatchTheTargetComeAfterThoseThatMayButBeforeResting() {
        HostHealth h = new HostHealth(ABC, n -> Duration.ofHours(1));
        h.loggedIn(A, true, true);     // a standby
        h.failed(B, new IOException("down"));
        assertThat(h.order(ABC, TargetSessionAttrs.READ_WRITE)).containsExactly(C, A, B);
        assertThat(h.order(ABC, TargetSessionAttrs.STANDBY)).containsExactly(A, C, B);
        assertThat(h.order(ABC, TargetSessionAttrs.PREFER_STANDBY)).containsExactly(A, C, B);
        h.loggedIn(C, false, false);   // a primary
        assertThat(h.order(ABC, TargetSessionAttrs.PREFER_STANDBY)).containsExactly(A, C, B);
        assertThat(h.order(ABC, TargetSessionAttrs.PRIMARY)).containsExactly(C, A, B);
        assertThat(h.order(ABC, TargetSessionAttrs.READ_ONLY)).containsExactly(A, C, B);
        assertThat(h.order(ABC, TargetSessionAttrs.ANY)).containsExactly(A, C, B);
    }

    @Test
    void statsCarryEachHostsStateAndTheOpenCountsGiven() {
        HostHealth h = new HostHealth(ABC, n -> Duration.ofHours(1));
        h.loggedIn(A, false, false);
        h.failed(B, new IOException("refused"));
        List<HostStats> s = h.stats(new int[] {3, 0, 0});
        assertThat(s).extracting(HostStats::state)
                .containsExactly(HostStats.State.UP, HostStats.State.DOWN, HostStats.State.UNKNOWN);
        assertThat(s).extracting(HostStats::role)
                .containsExactly(HostStats.Role.PRIMARY, HostStats.Role.UNKNOWN, HostStats.Role.UNKNOWN);
        assertThat(s).extracting(HostStats::open).containsExactly(3, 0, 0);
        assertThat(s.get(1).lastFailure()).isNotNull();
        assertThat(s.get(0).address()).isEqualTo("a:5432");
        assertThat(h.someHostUp()).isTrue();
        assertThat(new HostHealth(ABC, n -> Duration.ZERO).someHostUp()).isFalse();
    }
}
