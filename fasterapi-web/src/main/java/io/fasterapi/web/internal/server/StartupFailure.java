package io.fasterapi.web.internal.server;

import io.fasterapi.web.internal.redaction.SecretRedactor;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Why a server did not start, in one line for a process's log: the messages of the exception and its
 * causes joined with {@code ": "} (a cause whose message the one before already holds is left out,
 * as is the class name of an exception that has a message), on one line, with any password masked.
 * Any thread.
 */
public final class StartupFailure {
    /** uvicorn's exit status when the app fails to start ({@code STARTUP_FAILURE}). */
    public static final int EXIT_STATUS = 3;

    private StartupFailure() {
    }

    /** One line saying why {@code failure} happened, without a password. */
    public static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        String previous = "";
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            String message = t.getMessage();
            String text = message == null || message.isBlank() ? t.getClass().getSimpleName() : message.strip();
            if (!previous.contains(text)) {
                if (!line.isEmpty()) {
                    line.append(": ");
                }
                line.append(text);
            }
            previous = text;
        }
        return SecretRedactor.redact(line.toString().replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }
}
