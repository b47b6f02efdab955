package io.fasterapi.web.internal.json;

import io.fasterapi.web.Response;

/**
 * JSON responses whose value is written through a route's response model: {@link Response} keeps the
 * model's writer private (it is no part of the public API), and gives it to internal code through
 * the {@link Access} it installs here when its class initialises (the JDK's "shared secrets" idiom).
 * Any thread.
 */
public final class ModelBodies {
    /** What {@link Response} lets the framework do with a model writer. */
    public interface Access {
        /** A JSON response of {@code value}, written by {@code writer}. */
        Response json(int status, Object value, JsonValueWriter writer);

        /** The writer a JSON response's value is written by, or null for its runtime class's. */
        JsonValueWriter writer(Response response);
    }

    private static Access access; // no initializer: Response may install it while this class initialises

    static {
        try {
            Class.forName(Response.class.getName(), true, Response.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ModelBodies() {
    }

    /** Called once, by {@link Response}'s static initializer. */
    public static void install(Access a) {
        if (access != null) {
            throw new IllegalStateException("already installed");
        }
        access = a;
    }

    /** A JSON response of {@code value} written by {@code writer} (the route's model). */
    public static Response json(int status, Object value, JsonValueWriter writer) {
        return access.json(status, value, writer);
    }

    /** The model writer of {@code response}, or null when its value is written as its runtime class. */
    public static JsonValueWriter writer(Response response) {
        return access.writer(response);
    }
}
