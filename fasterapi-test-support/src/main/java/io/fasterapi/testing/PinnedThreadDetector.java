package io.fasterapi.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingStream;

/**
 * Records every {@code jdk.VirtualThreadPinned} JFR event (threshold zero) between {@link #start()}
 * and {@link #stop()}: each time a virtual thread parked while pinned to its carrier thread.
 */
public final class PinnedThreadDetector {
    private final List<String> pinnings = new CopyOnWriteArrayList<>();
    private RecordingStream stream;

    /** Starts recording; returns this. */
    public PinnedThreadDetector start() {
        RecordingStream rs = new RecordingStream();
        rs.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        rs.onEvent("jdk.VirtualThreadPinned", e -> pinnings.add(describe(e)));
        rs.startAsync();
        this.stream = rs;
        return this;
    }

    /** Stops recording, after every recorded event was delivered, and returns the pinnings seen. */
    public List<String> stop() {
        if (stream != null) {
            stream.stop();
            stream.close();
            stream = null;
        }
        return new ArrayList<>(pinnings);
    }

    private static String describe(RecordedEvent e) {
        StringBuilder sb = new StringBuilder("virtual thread pinned for ").append(e.getDuration().toNanos() / 1000)
                .append(" us");
        // The name says whose carrier was held: "shard-0-vt@loop" is an event loop, blocked meanwhile.
        if (e.getThread() != null && e.getThread().getJavaName() != null && !e.getThread().getJavaName().isEmpty()) {
            sb.append(" in ").append(e.getThread().getJavaName());
        }
        // JDK 24+ says why (e.g. "VM call to X.<clinit> on stack") and what blocked.
        if (e.hasField("pinnedReason") && e.getValue("pinnedReason") != null) {
            sb.append(": ").append((Object) e.getValue("pinnedReason"));
        }
        if (e.hasField("blockingOperation") && e.getValue("blockingOperation") != null) {
            sb.append(" (blocked in ").append((Object) e.getValue("blockingOperation")).append(')');
        }
        if (e.getStackTrace() != null) {
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                if (f.isJavaFrame()) {
                    sb.append("\n\tat ").append(f.getMethod().getType().getName()).append('.')
                            .append(f.getMethod().getName()).append(" line ").append(f.getLineNumber());
                }
            }
        }
        return sb.toString();
    }
}
