package io.fasterapi.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a parameter as a dependency that requires OAuth2 {@link #scopes() scopes}, FastAPI's
 * {@code Security(dependency, scopes=[...])}: like {@link Depends}, its value comes from the factory
 * registered for its type, and the scopes are added to those required along the way from the
 * handler to it. A {@link io.fasterapi.web.security.SecurityScopes} parameter of that factory (or of
 * any factory below it) receives them, in order, without duplicates: the handler's edge first, then
 * each dependency's own. The security schemes reached below it list them in the operation's
 * OpenAPI {@code security} requirement.
 *
 * {@snippet :
 * @Get("/users/me/items")
 * public List<Item> ownItems(@Security(scopes = "items") ActiveUser user) { ... }
 * }
 *
 * <p>A dependency that takes {@code SecurityScopes}, or reaches one that does (or a security
 * scheme), is created once per request <em>and set of scopes</em>, as FastAPI caches it: reached
 * with {@code ["me"]} and with {@code ["items", "me"]}, its factory runs twice. Any other
 * dependency is still created once per request.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Security {
    /** The OAuth2 scopes this dependency requires ({@code "items:read"}), added to its parents'. */
    String[] scopes() default {};
}
