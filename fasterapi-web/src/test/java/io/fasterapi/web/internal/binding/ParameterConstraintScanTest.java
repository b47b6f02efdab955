package io.fasterapi.web.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.Query;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The scan that spares an app without parameter constraints the validator's start: it must find every
 * place a constraint can hide (or the validator would miss it), and say no only where there is none.
 */
class ParameterConstraintScanTest {
    record Item(@NotBlank String name) {
    }

    interface Api {
        String inherited(@Min(1) int page);
    }

    static class Handlers implements Api {
        public String plain(@Query("q") String q, int page, Optional<String> name, List<Map<String, Integer>> rows) {
            return "";
        }

        public String onParameter(@Min(1) int page) {
            return "";
        }

        public String onTypeArgument(Optional<@Size(min = 3) String> q) {
            return "";
        }

        public String deepInTypeArguments(Map<String, List<@Min(0) Integer>> rows) {
            return "";
        }

        public String onArrayComponent(@Min(0) Integer[] ids) {
            return "";
        }

        public String repeated(@Size.List({@Size(min = 1), @Size(max = 9)}) String q) {
            return "";
        }

        public String cascaded(@Valid Item item) {
            return "";
        }

        @Override
        public String inherited(int page) {
            return "";
        }
    }

    private static Method method(String name) {
        for (Method m : Handlers.class.getDeclaredMethods()) {
            if (m.getName().equals(name) && !m.isBridge()) {
                return m;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void saysNoForParametersWithoutConstraints() {
        assertThat(ParameterConstraintScan.mayConstrain(method("plain"))).isFalse();
    }

    @Test
    void findsConstraintsWhereverTheyAreDeclared() {
        for (String name : List.of("onParameter", "onTypeArgument", "deepInTypeArguments", "onArrayComponent", "repeated",
                "cascaded", "inherited")) {
            assertThat(ParameterConstraintScan.mayConstrain(method(name))).as(name).isTrue();
        }
    }
}
