package io.fasterapi.examples.secure;

/**
 * A user as the API shows it: never the password hash.
 *
 * @param username the login name
 * @param fullName the display name
 * @param email the e-mail address
 * @param role {@code "user"} or {@code "admin"}: which scopes a token may grant ({@link Roles})
 * @param disabled whether the account may no longer be used
 */
public record User(String username, String fullName, String email, String role, boolean disabled) {
}
