/**
 * Security dependencies, FastAPI's {@code fastapi.security}: schemes that read credentials from a
 * request ({@link io.fasterapi.web.security.OAuth2PasswordBearer},
 * {@link io.fasterapi.web.security.OAuth2AuthorizationCodeBearer},
 * {@link io.fasterapi.web.security.HTTPBearer}, {@link io.fasterapi.web.security.HTTPBasic},
 * {@link io.fasterapi.web.security.HTTPDigest},
 * {@link io.fasterapi.web.security.APIKeyHeader}, {@link io.fasterapi.web.security.APIKeyQuery},
 * {@link io.fasterapi.web.security.APIKeyCookie}), the password-flow login form
 * ({@link io.fasterapi.web.security.OAuth2PasswordRequestForm}) and the scopes a handler's
 * dependencies require ({@link io.fasterapi.web.security.SecurityScopes}, with
 * {@link io.fasterapi.web.Security @Security}).
 *
 * <p>A scheme is registered as the factory of its credentials' type, and documents itself in the
 * OpenAPI document: under {@code components.securitySchemes} by its scheme name (by default
 * FastAPI's class name, {@code "OAuth2PasswordBearer"}, {@code "HTTPBearer"}...) and in the
 * {@code security} requirement of every operation whose dependencies reach it, with the scopes
 * required on the way. Swagger UI's Authorize button then works against the app.
 *
 * {@snippet :
 * App app = App.create()
 *         .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token")
 *                 .scopes(Map.of("items:read", "Read items")))
 *         .provideFrom(CurrentUser.class, new CurrentUserFactory(secret)) // takes BearerToken, SecurityScopes
 *         .include(new ItemRoutes());                                        // @Security(scopes = "items:read") CurrentUser
 * }
 *
 * <p>The classes keep FastAPI's names ({@code HTTPBearer}, not {@code HttpBearer}) so that its
 * documentation and the scheme names in the OpenAPI document read the same. Their answers are those
 * of FastAPI 0.141 (since 0.122, missing credentials answer 401 with a {@code WWW-Authenticate}
 * challenge; older versions answered 403 for HTTP Bearer and API keys).
 */
package io.fasterapi.web.security;
