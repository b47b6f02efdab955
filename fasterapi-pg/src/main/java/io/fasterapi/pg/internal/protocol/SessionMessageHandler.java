package io.fasterapi.pg.internal.protocol;

import java.util.Map;

/**
 * The backend messages about the session rather than any one exchange (55.2.7, "Asynchronous
 * Operations"): the server may send them at any time, between exchanges too. Runs on the
 * connection's event loop.
 */
public interface SessionMessageHandler {
    /** ParameterStatus: a run-time parameter the client is told about (server_version, TimeZone...) changed. */
    void parameterStatus(String name, String value);

    void noticeResponse(Map<Character, String> fields);

    void notification(int processId, String channel, String payload);
}
