package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.internal.binding.Validators;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A {@link Validator} parameter receives the framework's own validator, the one that checks bodies: input
 * that is not a body (a CSV row, a WebSocket message) is checked with the same constraints without building
 * a second Hibernate Validator; an app's own {@code provide(Validator.class, ...)} replaces it.
 */
class ValidatorInjectionTest {
    public record Row(@NotBlank String name, Omittable<@Positive Integer> qty) {
    }

    public record Name(@NotBlank String name) {
    }

    public static final class Routes {
        /** A "name,qty" line checked as a {@link Row}: the violations by property, and whether the validator is the framework's. */
        @Post("/rows")
        public Map<String, Object> check(@Body String line, Validator validator) {
            String[] f = line.split(",", -1);
            Row row = new Row(f[0], f.length > 1 ? Omittable.of(Integer.valueOf(f[1])) : Omittable.absent());
            Map<String, Object> out = new TreeMap<>();
            for (ConstraintViolation<Row> v : validator.validate(row)) {
                out.put(v.getPropertyPath().toString(), v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName());
            }
            out.put("framework's", validator == Validators.validator());
            return out;
        }

        /** Whether {@code name} is blank by the validator given, and whether that is the framework's. */
        @Post("/names")
        public Map<String, Object> name(@Body String name, Validator validator) {
            return Map.of("violations", validator.validate(new Name(name)).size(), "framework's", validator == Validators.validator());
        }

        @Post("/items")
        public Row create(@Body Row row) {
            return row;
        }
    }

    @Test
    void aValidatorParameterIsTheFrameworksOwn() {
        try (TestClient client = TestClient.of(App.create().include(new Routes()))) {
            TestResponse bad = client.postRaw("/rows", "text/plain", " ,-3".getBytes());
            assertThat(bad.status()).isEqualTo(200);
            // qty inside Omittable is reached through the framework's value extractor: only its validator has it
            assertThat(bad.json(Map.class)).isEqualTo(Map.of("name", "NotBlank", "qty", "Positive", "framework's", true));
            TestResponse good = client.postRaw("/rows", "text/plain", "widget,3".getBytes());
            assertThat(good.json(Map.class)).isEqualTo(Map.of("framework's", true));
            // the body of another route is checked by that same validator, as before
            assertThat(client.post("/items", Map.of("name", " ", "qty", 1)).status()).isEqualTo(422);
            // a dependency, not a request parameter: the schema shows the body alone
            String openApi = client.get("/openapi.json").text();
            assertThat(openApi).doesNotContain("\"validator\"").doesNotContain("Validator");
        }
    }

    @Test
    void anAppsOwnValidatorReplacesIt() {
        Validator own = Validation.byDefaultProvider().configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        try (TestClient client = TestClient.of(App.create().provide(Validator.class, () -> own).include(new Routes()))) {
            TestResponse r = client.postRaw("/names", "text/plain", " ".getBytes());
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json(Map.class)).isEqualTo(Map.of("violations", 1, "framework's", false));
        }
    }
}
