package io.fasterapi.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's name and CPU time from Linux's {@code /proc/<pid>/stat} (proc(5)). */
public final class ProcStat {
    /** Nanoseconds per clock tick: USER_HZ is 100 on Linux. */
    public static final long NANOS_PER_TICK = 10_000_000L;

    private ProcStat() {
    }

    /** The text of {@code /proc/<pid>/stat}. */
    public static String read(long pid) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The command name (field 2, between the parentheses) of a stat line. */
    public static String command(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    /** User plus system CPU time (fields 14 and 15), in clock ticks, of a stat line. */
    public static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // f[0] is field 3, the state
    }

    /** The CPU time of process {@code pid} so far in nanoseconds, or -1 when it cannot be read. */
    public static long cpuNanos(long pid) {
        try {
            return cpuTicks(read(pid)) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
