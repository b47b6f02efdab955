package io.fasterapi.web.internal.router;

import io.fasterapi.web.internal.model.RouteModel;
import java.util.ArrayList;
import java.util.List;

/** The app's endpoints in a {@link RouteTrie}, plus their models; built once when the server starts. */
public final class RouteTable {
    private final RouteTrie<Endpoint> trie = new RouteTrie<>();
    private final List<RouteModel> models = new ArrayList<>();
    private boolean streamsAnyBody;

    /** Adds {@code endpoint} under its model's method and template. */
    public void add(PathTemplate template, Endpoint endpoint) {
        trie.add(template, endpoint.model().method(), endpoint);
        models.add(endpoint.model());
        streamsAnyBody |= endpoint.streamsBody();
    }

    /** Whether some route takes its request body as a stream. */
    public boolean streamsAnyBody() {
        return streamsAnyBody;
    }

    /** The endpoint for {@code method} and a decoded {@code path}; see {@link RouteTrie#find}. */
    public RouteTrie.Match<Endpoint> find(String method, String path) {
        return trie.find(method, path);
    }

    /** Every route, in registration order. */
    public List<RouteModel> models() {
        return List.copyOf(models);
    }
}
