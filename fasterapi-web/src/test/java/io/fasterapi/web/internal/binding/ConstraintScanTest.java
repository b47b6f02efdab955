package io.fasterapi.web.internal.binding;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.Query;
import com.fasterxml.jackson.annotation.JsonProperty;
import example.constraints.Checked;
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
 * The scans that keep the validator's start out of the routes' compilation: they must find every place a
 * constraint can hide (or the validator would miss it), and say no only where there is none. For types, the
 * answer is compared with Hibernate Validator's own ({@code isBeanConstrained}): never false where it is true.
 */
class ConstraintScanTest {
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

        public String body(@Valid Item item, @Query("q") String q) {
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
        assertThat(ConstraintScan.mayConstrain(method("plain"), i -> true)).isFalse();
    }

    @Test
    void findsConstraintsWhereverTheyAreDeclared() {
        for (String name : List.of("onParameter", "onTypeArgument", "deepInTypeArguments", "onArrayComponent", "repeated",
                "cascaded", "inherited")) {
            assertThat(ConstraintScan.mayConstrain(method(name), i -> true)).as(name).isTrue();
        }
    }

    @Test
    void aBodysValidIsNotTheHandlersParameters() {
        assertThat(ConstraintScan.mayConstrain(method("body"), i -> i != 0)).isFalse();
        assertThat(ConstraintScan.mayConstrain(method("body"), i -> true)).isTrue();
    }

    // ---- types ----

    record Plain(String name, int qty, List<String> tags, Optional<Plain> next) {
    }

    record Annotated(@JsonProperty("n") String name, @Deprecated int qty) {
    }

    record OnComponent(@NotBlank String name) {
    }

    record OnTypeArgument(List<@Size(max = 3) String> tags) {
    }

    record Cascading(@Valid Plain inner) {
    }

    record RepeatedOnComponent(@Size.List({@Size(min = 1), @Size(max = 9)}) String name) {
    }

    @Checked
    record OnClass(String name) {
    }

    interface Named {
        @NotBlank
        String getName();
    }

    static class FromInterface implements Named {
        @Override
        public String getName() {
            return "";
        }
    }

    static class Base {
        @Min(1)
        int page;
    }

    static class FromSuperclass extends Base {
        String other;
    }

    static class Getter {
        private String name;

        @NotBlank
        public String getName() {
            return name;
        }
    }

    static class OnFieldTypeArgument {
        Map<String, @Min(0) Integer> counts;
    }

    @Test
    void typesAgreeWithHibernateValidator() {
        for (Class<?> type : List.of(Plain.class, Annotated.class, OnComponent.class, OnTypeArgument.class, Cascading.class,
                RepeatedOnComponent.class, OnClass.class, FromInterface.class, FromSuperclass.class, Getter.class,
                OnFieldTypeArgument.class)) {
            boolean validator = Validators.validator().getConstraintsForClass(type).isBeanConstrained();
            assertThat(ConstraintScan.mayBeConstrained(type)).as(type.getSimpleName()).isEqualTo(validator);
        }
        assertThat(ConstraintScan.mayBeConstrained(Plain.class)).isFalse();
        assertThat(ConstraintScan.mayBeConstrained(Annotated.class)).isFalse();
        assertThat(ConstraintScan.mayBeConstrained(OnClass.class)).isTrue();
    }
}
