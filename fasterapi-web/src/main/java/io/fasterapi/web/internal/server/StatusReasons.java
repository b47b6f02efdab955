package io.fasterapi.web.internal.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/** Standard reason phrases, used as the default {@code detail} of an error. */
public final class StatusReasons {
    private StatusReasons() {
    }

    /** The reason phrase of {@code status} ({@code "Not Found"}). */
    public static String reason(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
