package io.fasterapi.web;

import io.fasterapi.web.security.OAuth2PasswordRequestFormStrict;
import jakarta.validation.Validator;
import java.lang.reflect.Method;

/**
 * Run by {@link ValidatorWarmupTest} in a JVM of its own (a class once loaded stays loaded): Hibernate
 * Validator is not started for an app with nothing to validate, and is built before any request for one whose
 * routes validate (the OAuth2 form's {@code grant_type} pattern: by the routes' compilation, which checks that
 * a parameter's constraints apply to it) or take a {@link Validator} (by the start's warm-up). Prints whether
 * the validator's factory was loaded after each start.
 */
public final class ValidatorWarmupMain {
    private static final String FACTORY = "org.hibernate.validator.internal.engine.ValidatorFactoryImpl";

    public static final class Plain {
        @Get("/items/{id}")
        public String item(int id, @Query("q") String q) {
            return q + id;
        }
    }

    public static final class Login {
        @Post("/token")
        public String token(OAuth2PasswordRequestFormStrict form) {
            return form.username();
        }
    }

    public static final class Checks {
        @Get("/check")
        public int check(@Query("q") String q, Validator validator) {
            return validator.validate(q).size();
        }
    }

    public static void main(String[] args) throws Exception {
        StringBuilder out = new StringBuilder();
        try (TestClient plain = TestClient.of(App.create().include(new Plain()))) {
            out.append("plain ").append(plain.get("/items/1?q=x").status()).append(" validator-loaded=")
                    .append(loaded(FACTORY)).append('\n');
        }
        String mode = args.length > 0 ? args[0] : "login";
        Object routes = mode.equals("login") ? new Login() : new Checks();
        try (TestClient validating = TestClient.of(App.create().include(routes))) {
            out.append(mode).append(" validator-loaded=").append(loaded(FACTORY)).append('\n');
        }
        System.out.print(out);
    }

    // Asked without loading it (Class.forName would); the JVM runs with java.lang opened to this module.
    private static boolean loaded(String name) throws Exception {
        Method find = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
        find.setAccessible(true);
        return find.invoke(ValidatorWarmupMain.class.getClassLoader(), name) != null;
    }
}
