package io.fasterapi.web.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fasterapi.web.JsonNaming;
import io.fasterapi.web.internal.errors.ValidationError;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;

/**
 * {@link PlainJson} writes what Jackson databind writes, byte for byte: random values of plain records
 * (every scalar kind, NaN and infinities, control characters and astral-plane text, nulls, nested records,
 * lists, sets and collections) under every {@link JsonNaming}, through the runtime-class writer and the
 * response-model writer, and random framework bodies (maps, lists, {@link ValidationError}s). The seed is
 * in every failure's message. Records Jackson would write otherwise (annotations, extra getters, type
 * parameters, cycles, other component types) are not plain.
 */
class PlainJsonTest {

    public record Scalars(String s, int i, long l, boolean b, double d, float f, Integer bi, Long bl, Boolean bb,
                          Double bd, Float bf) {
    }

    public record Nested(@NotNull String name, Scalars scalars, List<Scalars> list, Set<String> tags,
                         Collection<Integer> counts, List<List<Double>> matrix) {
    }

    public record CamelCase(String firstName, int itemCount, @Size(max = 3) Nested nestedValue) {
    }

    record PackagePrivate(String name, long id) {
    }

    public record Renamed(@JsonProperty("n") String name) {
    }

    public record Ignoring(String name, @JsonIgnore String secret) {
    }

    public record WithGetter(String name) {
        public String getUpper() {
            return name.toUpperCase();
        }
    }

    public record Generic<T>(T value) {
    }

    public record Tree(String name, List<Tree> children) {
    }

    public record WithMap(Map<String, String> labels) {
    }

    public record WithChar(char c) {
    }

    public record WithOptional(Optional<String> name) {
    }

    public record Empty() {
    }

    public interface Annotated {
        @JsonProperty("label")
        String name();
    }

    public record ThroughInterface(String name) implements Annotated {
    }

    static LongStream seeds() {
        return LongStream.range(0, 24).map(i -> 0x5EED0000L + i * 7919);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void plainRecordsAreWrittenAsDatabindWritesThem(long seed) {
        Random random = new Random(seed);
        for (JsonNaming naming : JsonNaming.values()) {
            JsonMapping mapping = JsonMapping.of(naming);
            ModelWriters models = new ModelWriters(mapping.mapper());
            Type listOfCamel = new TypeReference<List<CamelCase>>() { }.getType();
            for (int n = 0; n < 25; n++) {
                CamelCase value = camel(random);
                List<CamelCase> values = List.of(value, camel(random));
                String context = "seed " + seed + ", " + naming + ", " + value;
                String expected = mapping.mapper().writeValueAsString(value);
                assertThat(plain(mapping.writerFor(CamelCase.class), value)).as(context).isEqualTo(expected);
                assertThat(plain(mapping.modelWriter(CamelCase.class, Object.class, false, false).writer(), value))
                        .as(context).isEqualTo(expected);
                assertThat(plain(models.writerFor(CamelCase.class, Object.class, false, false).writer(), value))
                        .as(context).isEqualTo(expected);
                assertThat(plain(mapping.modelWriter(listOfCamel, Object.class, false, false).writer(), values))
                        .as(context).isEqualTo(plain(models.writerFor(listOfCamel, Object.class, false, false).writer(), values));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void theFrameworksBodiesAreWrittenAsDatabindWritesThem(long seed) {
        Random random = new Random(seed);
        JsonMapping mapping = JsonMapping.of(JsonNaming.SNAKE_CASE);
        for (int n = 0; n < 40; n++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("detail", random.nextBoolean() ? string(random) : errors(random));
            body.put("extra", dynamic(random, 3));
            String context = "seed " + seed + ", " + body;
            assertThat(PlainJson.isPlain(body, mapping)).as(context).isTrue();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PlainJson.write(out, body, mapping);
            assertThat(out.toString(StandardCharsets.UTF_8)).as(context).isEqualTo(mapping.mapper().writeValueAsString(body));
            assertThat(plain(mapping.writerFor(body.getClass()), body)).as(context)
                    .isEqualTo(mapping.mapper().writeValueAsString(body));
        }
    }

    @Test
    void recordsDatabindWouldWriteOtherwiseAreNotPlain() {
        for (Class<?> type : List.of(Renamed.class, Ignoring.class, WithGetter.class, Generic.class, Tree.class,
                WithMap.class, WithChar.class, WithOptional.class, Empty.class, ThroughInterface.class)) {
            assertThat(PlainJson.writerFor(type, JsonMapping.DECLARED)).as(type.getSimpleName()).isNull();
            assertThat(JsonMapping.DECLARED.writerFor(type)).as(type.getSimpleName()).isInstanceOf(JacksonValueWriter.class);
        }
        assertThat(PlainJson.writerFor(PackagePrivate.class, JsonMapping.DECLARED)).isNotNull();
        assertThat(plain(JsonMapping.DECLARED.writerFor(PackagePrivate.class), new PackagePrivate("x", 7)))
                .isEqualTo("{\"name\":\"x\",\"id\":7}");
        // a map holding a value that is not plain goes to databind, whole
        Map<String, Object> mixed = Map.of("detail", List.of(new Renamed("a")));
        assertThat(PlainJson.isPlain(mixed, JsonMapping.DECLARED)).isFalse();
        assertThat(plain(JsonMapping.DECLARED.writerFor(mixed.getClass()), mixed)).isEqualTo("{\"detail\":[{\"n\":\"a\"}]}");
    }

    @Test
    void aModelValueOfAnotherTypeIsConvertedByDatabindAndWrittenPlain() {
        record Other(String firstName, int itemCount, Nested nestedValue, String password) {
        }
        ModelWriter model = JsonMapping.DECLARED.modelWriter(CamelCase.class, Object.class, false, false);
        Object adapted = model.adapt(new Other("Ada", 3, null, "secret"));
        assertThat(adapted).isEqualTo(new CamelCase("Ada", 3, null));
        assertThat(plain(model.writer(), adapted)).isEqualTo("{\"firstName\":\"Ada\",\"itemCount\":3,\"nestedValue\":null}");
    }

    private static String plain(JsonValueWriter writer, Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, value);
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---- random values ----

    private static CamelCase camel(Random r) {
        return new CamelCase(maybeNull(r, string(r)), r.nextInt(), maybeNull(r, nested(r)));
    }

    private static Nested nested(Random r) {
        List<Scalars> list = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            list.add(maybeNull(r, scalars(r)));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            tags.add(string(r));
        }
        List<Integer> counts = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            counts.add(maybeNull(r, r.nextInt()));
        }
        List<List<Double>> matrix = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            List<Double> row = new ArrayList<>();
            for (int j = r.nextInt(3); j > 0; j--) {
                row.add(maybeNull(r, number(r)));
            }
            matrix.add(row);
        }
        return new Nested(string(r), maybeNull(r, scalars(r)), maybeNull(r, list), maybeNull(r, tags),
                maybeNull(r, counts), maybeNull(r, matrix));
    }

    private static Scalars scalars(Random r) {
        return new Scalars(maybeNull(r, string(r)), r.nextInt(), r.nextLong(), r.nextBoolean(), number(r),
                (float) number(r), maybeNull(r, r.nextInt()), maybeNull(r, r.nextLong()), maybeNull(r, r.nextBoolean()),
                maybeNull(r, number(r)), maybeNull(r, (float) number(r)));
    }

    private static double number(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> Double.NaN;
            case 1 -> r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 2 -> r.nextBoolean() ? -0.0 : Double.MIN_VALUE;
            case 3 -> Double.longBitsToDouble(r.nextLong());
            case 4 -> r.nextInt(1000) / 10.0;
            default -> r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
        };
    }

    private static String string(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(12); i > 0; i--) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append((char) r.nextInt(0x20)); // control characters
                case 1 -> sb.append("\"\\/<>&'".charAt(r.nextInt(7)));
                case 2 -> sb.append((char) (0xA0 + r.nextInt(0xD000))); // the BMP below the surrogates
                case 3 -> sb.appendCodePoint(0x10000 + r.nextInt(0x10000)); // a surrogate pair
                case 4 -> sb.append('\u007f').append('\u2028');
                default -> sb.append((char) (' ' + r.nextInt(95)));
            }
        }
        return sb.toString();
    }

    private static List<ValidationError> errors(Random r) {
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            List<Object> loc = List.of("query", r.nextBoolean() ? string(r) : r.nextInt(10));
            Map<String, Object> ctx = r.nextBoolean() ? null : Map.of("ge", r.nextInt(), "error", string(r));
            errors.add(new ValidationError(string(r), loc, string(r), dynamic(r, 1), ctx));
        }
        return errors;
    }

    private static Object dynamic(Random r, int depth) {
        switch (r.nextInt(depth > 0 ? 10 : 7)) {
            case 0: return null;
            case 1: return string(r);
            case 2: return r.nextInt();
            case 3: return r.nextLong();
            case 4: return number(r);
            case 5: return (float) number(r);
            case 6: return r.nextBoolean();
            case 7: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    m.put(string(r), dynamic(r, depth - 1));
                }
                return m;
            }
            case 8: {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    l.add(dynamic(r, depth - 1));
                }
                return l;
            }
            default: return scalars(r);
        }
    }

    private static <T> T maybeNull(Random r, T value) {
        return r.nextInt(8) == 0 ? null : value;
    }
}
