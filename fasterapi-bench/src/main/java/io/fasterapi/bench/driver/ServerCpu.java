package io.fasterapi.bench.driver;

import io.fasterapi.bench.report.ProcStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the PostgreSQL server's processes, read from {@code /proc}: the whole server's and
 * its busiest process's (for one connection, its backend) over a timed run. When the busiest
 * backend was on the CPU for nearly the whole run, the server, not the client, set the pace.
 * Empty when the server runs elsewhere (no {@code postgres} process visible here).
 */
final class ServerCpu {
    private ServerCpu() {
    }

    /** CPU ticks (user + system) of every process named {@code postgres}, by pid. */
    static Map<Integer, Long> snapshot() {
        Map<Integer, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    long pid = Long.parseLong(p.getFileName().toString());
                    String stat = ProcStat.read(pid);
                    if (ProcStat.command(stat).equals("postgres")) {
                        ticks.put((int) pid, ProcStat.cpuTicks(stat));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended, or is not ours to read
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** The server's CPU between two snapshots: all its processes', and its busiest one's, in nanoseconds. */
    static Usage between(Map<Integer, Long> before, Map<Integer, Long> after) {
        if (after.isEmpty()) {
            return Usage.UNKNOWN;
        }
        long total = 0;
        long busiest = 0;
        for (Map.Entry<Integer, Long> e : after.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            total += used;
            busiest = Math.max(busiest, used);
        }
        return new Usage(total * ProcStat.NANOS_PER_TICK, busiest * ProcStat.NANOS_PER_TICK);
    }

    /** CPU nanoseconds of the whole server and of its busiest process; -1 when unknown. */
    record Usage(long totalNanos, long busiestNanos) {
        static final Usage UNKNOWN = new Usage(-1, -1);
    }
}
