package io.fasterapi.bench.driver;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scenarios and peers a run keeps, from {@code -Dfasterapi.bench.scenarios} (enum names) and
 * {@code -Dfasterapi.bench.peers} (peer names), each comma-separated; everything when unset.
 */
final class Selection {
    private static final Set<String> SCENARIOS = parse("fasterapi.bench.scenarios");
    private static final Set<String> PEERS = parse("fasterapi.bench.peers");

    private Selection() {
    }

    private static Set<String> parse(String property) {
        String v = System.getProperty(property, "").trim();
        return v.isEmpty() ? Set.of() : Arrays.stream(v.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    static boolean includes(Scenario s) {
        return SCENARIOS.isEmpty() || SCENARIOS.contains(s.name());
    }

    static boolean includes(Peer p) {
        return PEERS.isEmpty() || PEERS.contains(p.name());
    }

    static boolean isEverything() {
        return SCENARIOS.isEmpty() && PEERS.isEmpty();
    }
}
