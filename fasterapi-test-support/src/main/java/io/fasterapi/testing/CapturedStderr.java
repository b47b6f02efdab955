package io.fasterapi.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.err} (slf4j-simple's target) copied while open, for tests that check what was
 * logged: everything still reaches the console, and {@link #text()} reads what was written since
 * {@link #start()}. {@link #close()} puts the original stream back.
 */
public final class CapturedStderr implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream(); // its methods are synchronized

    private CapturedStderr() {
    }

    /** Starts copying {@code System.err}. */
    public static CapturedStderr start() {
        CapturedStderr c = new CapturedStderr();
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                c.original.write(b);
                c.captured.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                c.original.write(b, off, len);
                c.captured.write(b, off, len);
            }

            @Override
            public void flush() {
                c.original.flush();
            }
        }, true, StandardCharsets.UTF_8));
        return c;
    }

    /** What was written to {@code System.err} since {@link #start()}, as UTF-8. */
    public String text() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
