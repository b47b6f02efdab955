package io.fasterapi.web.security;

/**
 * {@link OAuth2PasswordRequestForm} that requires {@code grant_type=password}, as OAuth2 says:
 * FastAPI's {@code OAuth2PasswordRequestFormStrict}. Without it the answer is 422
 * {@code {"type":"missing","loc":["body","grant_type"],...}}. Immutable.
 */
public final class OAuth2PasswordRequestFormStrict extends OAuth2PasswordRequestForm {
    /** A form as received; {@code grantType} is {@code "password"}. */
    public OAuth2PasswordRequestFormStrict(String grantType, String username, String password, String scope,
                                           String clientId, String clientSecret) {
        super(grantType, username, password, scope, clientId, clientSecret);
    }
}
