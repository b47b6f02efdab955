package io.fasterapi.pg.internal.broker;

import io.fasterapi.pg.PgBroker;
import java.time.Duration;

/** A broker's configuration, validated by {@link PgBroker.Builder}. */
public record BrokerSettings(String schema, Duration retention, long maxStoredPerChannel, Duration sweepInterval,
        int bufferSize, PgBroker.Overflow overflow, int maxPayloadBytes, boolean synchronousCommit) {
}
