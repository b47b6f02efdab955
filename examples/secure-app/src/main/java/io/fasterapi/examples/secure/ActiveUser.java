package io.fasterapi.examples.secure;

/**
 * The current user, required to be enabled and to hold the {@code me} scope: FastAPI's tutorial's
 * {@code get_current_active_user}, a dependency ({@link ActiveUserFactory}).
 */
public record ActiveUser(User user) {
}
