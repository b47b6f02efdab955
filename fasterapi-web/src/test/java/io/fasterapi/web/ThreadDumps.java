package io.fasterapi.web;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts, in a full thread dump (virtual threads included), the threads whose stack shows a method. */
final class ThreadDumps {
    private ThreadDumps() {
    }

    /** How many threads, platform or virtual, have {@code frame} (e.g. {@code "Dispatcher.runBlocking"}) on their stack. */
    static int threadsIn(String frame) {
        try {
            Path dir = Files.createTempDirectory("threads");
            Path file = dir.resolve("dump.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            String dump = Files.readString(file);
            Files.delete(file);
            Files.delete(dir);
            int count = 0;
            for (String thread : dump.split("\"tid\"")) {
                if (thread.contains(frame)) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
