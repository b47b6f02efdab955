package io.fasterapi.examples.secure;

/**
 * The answer of {@code POST /token}, in the fields OAuth2 (RFC 6749 §5.1) and Swagger UI expect.
 *
 * @param access_token the signed JWT
 * @param token_type always {@code "bearer"}
 */
public record Token(String access_token, String token_type) {
}
