package io.fasterapi.examples.secure;

/**
 * The user whose token came with the request, with the scopes it granted: FastAPI's tutorial's
 * {@code get_current_user}, a dependency ({@link CurrentUserFactory}).
 */
public record CurrentUser(User user) {
}
