package io.fasterapi.web.internal.security;

import io.fasterapi.web.DefaultValue;
import io.fasterapi.web.Form;
import io.fasterapi.web.internal.binding.BindingCompiler;
import io.fasterapi.web.internal.binding.FactoryMethod;
import io.fasterapi.web.internal.dependency.DependencyRegistry;
import io.fasterapi.web.security.OAuth2PasswordRequestForm;
import io.fasterapi.web.security.OAuth2PasswordRequestFormStrict;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.valueextraction.Unwrapping;
import java.util.Optional;

/**
 * The factories of {@link OAuth2PasswordRequestForm} and {@link OAuth2PasswordRequestFormStrict},
 * registered in every app: their parameters are FastAPI's form fields, bound (and documented in
 * OpenAPI) by the ordinary form rules, so the errors are FastAPI's 422s. An app may replace them
 * with its own {@code provide}.
 */
public final class PasswordForms {
    private PasswordForms() {
    }

    /**
     * Registers both factories in {@code registry}, each built when a route first takes its form (route
     * compilation, or OpenAPI); called once per app, at creation.
     */
    public static void register(DependencyRegistry registry, BindingCompiler binder) {
        registry.provideDefault(OAuth2PasswordRequestForm.class,
                () -> FactoryMethod.of(OAuth2PasswordRequestForm.class, new Lenient(), binder));
        registry.provideDefault(OAuth2PasswordRequestFormStrict.class,
                () -> FactoryMethod.of(OAuth2PasswordRequestFormStrict.class, new Strict(), binder));
    }

    /** FastAPI's {@code OAuth2PasswordRequestForm.__init__}. */
    public static final class Lenient {
        public OAuth2PasswordRequestForm form(
                @Form("grant_type") @Pattern(regexp = "^password$", payload = Unwrapping.Unwrap.class)
                Optional<String> grantType,
                @Form("username") String username,
                @Form("password") String password,
                @Form("scope") @DefaultValue("") String scope,
                @Form("client_id") Optional<String> clientId,
                @Form("client_secret") Optional<String> clientSecret) {
            return new OAuth2PasswordRequestForm(grantType.orElse(null), username, password, scope,
                    clientId.orElse(null), clientSecret.orElse(null));
        }
    }

    /** FastAPI's {@code OAuth2PasswordRequestFormStrict.__init__}: {@code grant_type} is required. */
    public static final class Strict {
        public OAuth2PasswordRequestFormStrict form(
                @Form("grant_type") @Pattern(regexp = "^password$") String grantType,
                @Form("username") String username,
                @Form("password") String password,
                @Form("scope") @DefaultValue("") String scope,
                @Form("client_id") Optional<String> clientId,
                @Form("client_secret") Optional<String> clientSecret) {
            return new OAuth2PasswordRequestFormStrict(grantType, username, password, scope,
                    clientId.orElse(null), clientSecret.orElse(null));
        }
    }
}
