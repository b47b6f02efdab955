package io.fasterapi.web.internal.websocket;

import io.fasterapi.web.WebSocketHandler;
import io.fasterapi.web.internal.router.PathTemplate;
import io.fasterapi.web.internal.router.RouteTrie;
import java.util.List;

/** The app's WebSocket endpoints by path template; built when the server starts, then read-only. */
public final class WebSocketRoutes {
    /**
     * A WebSocket endpoint: its template's variables, its handler, and the subprotocols it speaks as
     * Netty's handshaker takes them (comma-separated, null for none).
     */
    public record Route(List<String> variables, WebSocketHandler handler, String subprotocols) {
    }

    /** An endpoint registration, as {@code App} keeps it: the subprotocols in the endpoint's order. */
    public record Registration(String path, WebSocketHandler handler, List<String> subprotocols) {
        public Registration {
            subprotocols = List.copyOf(subprotocols);
            for (String s : subprotocols) {
                if (!isToken(s)) {
                    throw new IllegalArgumentException("a WebSocket subprotocol must be an HTTP token (RFC 6455 §4.1): '"
                            + s + "'");
                }
            }
        }

        private static boolean isToken(String s) {
            if (s.isEmpty()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean alnum = c < 128 && Character.isLetterOrDigit(c);
                if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                    return false;
                }
            }
            return !s.equals("*"); // Netty's handshaker reads "*" as "accept anything"
        }
    }

    private final RouteTrie<Route> trie = new RouteTrie<>();
    private final boolean empty;

    private WebSocketRoutes(List<Registration> registrations) {
        for (Registration r : registrations) {
            PathTemplate t = PathTemplate.parse(r.path());
            trie.add(t, "GET", new Route(t.variables(), r.handler(),
                    r.subprotocols().isEmpty() ? null : String.join(",", r.subprotocols())));
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
