package io.fasterapi.pg.internal.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

/** Today's policy, the decisions ShardPool leaves to it: idle order and sizing. */
class BoundedLifoPolicyTest {
    private final BoundedLifoPolicy policy = new BoundedLifoPolicy(2, 5);

    @Test
    void reusesTheMostRecentlyGivenBackIdleConnectionFirst() {
        ArrayDeque<PooledConnection> idle = new ArrayDeque<>();
        PooledConnection older = new PooledConnection(null, 0, Long.MAX_VALUE, 0);
        PooledConnection newer = new PooledConnection(null, 0, Long.MAX_VALUE, 1);
        idle.addLast(older);
        idle.addLast(newer);
        assertThat(policy.takeIdle(idle)).isSameAs(newer);
        assertThat(policy.takeIdle(idle)).isSameAs(older);
        assertThat(policy.takeIdle(idle)).isNull();
    }

    @Test
    void opensUpToMinSizeOrOnePerUncoveredWaiterWithinMaxSize() {
        assertThat(policy.connectionsToOpen(0, 0, 0)).isEqualTo(2);
        assertThat(policy.connectionsToOpen(1, 1, 0)).isZero();
        assertThat(policy.connectionsToOpen(2, 0, 3)).isEqualTo(3);
        assertThat(policy.connectionsToOpen(2, 1, 3)).isEqualTo(2);
        assertThat(policy.connectionsToOpen(4, 0, 9)).isEqualTo(1);
        assertThat(policy.connectionsToOpen(5, 0, 9)).isZero();
    }

    @Test
    void closesIdleConnectionsOnlyAboveMinSize() {
        assertThat(policy.closesIdle(3)).isTrue();
        assertThat(policy.closesIdle(2)).isFalse();
        assertThat(policy.maxSize()).isEqualTo(5);
    }

    @Test
    void rejectsBoundsTheStackCannotHold() {
        assertThatThrownBy(() -> new BoundedLifoPolicy(3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedLifoPolicy(0, SharedIdleStack.MAX_SLOTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
