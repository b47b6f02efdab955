package io.fasterapi.web.internal.websocket;

import io.fasterapi.web.WebSocketHandler;
import io.fasterapi.web.internal.router.PathTemplate;
import io.fasterapi.web.internal.router.RouteTrie;
import java.util.List;

/** The app's WebSocket endpoints by path template; built when the server starts, then read-only. */
public final class WebSocketRoutes {
    /** A WebSocket endpoint: its template's variables and its handler. */
    public record Route(List<String> variables, WebSocketHandler handler) {
    }

    /** An endpoint registration, as {@code App} keeps it. */
    public record Registration(String path, WebSocketHandler handler) {
    }

    private final RouteTrie<Route> trie = new RouteTrie<>();
    private final boolean empty;

    private WebSocketRoutes(List<Registration> registrations) {
        for (Registration r : registrations) {
            PathTemplate t = PathTemplate.parse(r.path());
            trie.add(t, "GET", new Route(t.variables(), r.handler()));
        }
        this.empty = registrations.isEmpty();
    }

    /** The compiled routes; throws {@link IllegalArgumentException} for a bad or duplicate template. */
    public static WebSocketRoutes compile(List<Registration> registrations) {
        return new WebSocketRoutes(registrations);
    }

    /** Whether there is no endpoint (the server then adds no WebSocket handler to its pipelines). */
    public boolean isEmpty() {
        return empty;
    }

    /** The endpoint at decoded {@code path}, or null. */
    RouteTrie.Match<Route> find(String path) {
        RouteTrie.Match<Route> m = trie.find("GET", path);
        return m == null || m.value() == null ? null : m;
    }
}
