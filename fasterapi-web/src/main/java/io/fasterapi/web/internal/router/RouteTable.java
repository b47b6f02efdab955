package io.fasterapi.web.internal.router;

import io.fasterapi.web.internal.binding.Invoker;
import io.fasterapi.web.internal.json.ModelWriter;
import io.fasterapi.web.internal.model.RouteModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's endpoints in a {@link RouteTrie}, plus their models and the {@code redirect_slashes}
 * switch; built once when the server starts.
 */
public final class RouteTable {
    private final RouteTrie<Endpoint> trie = new RouteTrie<>();
    private final List<RouteModel> models = new ArrayList<>();
    private final List<ModelWriter> responseModels = new ArrayList<>();
    private final List<Invoker> invokers = new ArrayList<>();
    private boolean streamsAnyBody;
    private boolean redirectSlashes = true;

    /** Adds {@code endpoint} under its model's method and template. */
    public void add(PathTemplate template, Endpoint endpoint) {
        trie.add(template, endpoint.model().method(), endpoint);
        models.add(endpoint.model());
        if (endpoint.responseModel() != null) {
            responseModels.add(endpoint.responseModel());
        }
        if (endpoint.invoker() != null) {
            invokers.add(endpoint.invoker());
        }
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

    /** Turns Starlette's {@code redirect_slashes} on (the default) or off. Before serving only. */
    public void redirectSlashes(boolean on) {
        this.redirectSlashes = on;
    }

    /**
     * Starlette's {@code redirect_slashes} (starlette/routing.py, {@code Router.app}): when no route
     * matches {@code path}, the path with its trailing slashes stripped (or one added) if some route
     * matches that, whatever its method; else null. Runs only on the way to a 404. Any thread.
     */
    public String slashRedirect(String path) {
        if (!redirectSlashes || path.equals("/")) {
            return null;
        }
        String other = path.endsWith("/") ? stripTrailingSlashes(path) : path + "/";
        return trie.find("GET", other) != null ? other : null;
    }

    /** {@code path} without its trailing slashes (Python's {@code rstrip("/")}). */
    public static String stripTrailingSlashes(String path) {
        int end = path.length();
        while (end > 0 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** The response models' writers of the routes that have one, for the start's warm-up. */
    public List<ModelWriter> responseModels() {
        return List.copyOf(responseModels);
    }

    /** The invokers of the routes that call a method, for the start's warm-up to prepare. */
    public List<Invoker> invokers() {
        return List.copyOf(invokers);
    }

    /** Every route, in registration order. */
    public List<RouteModel> models() {
        return List.copyOf(models);
    }
}
