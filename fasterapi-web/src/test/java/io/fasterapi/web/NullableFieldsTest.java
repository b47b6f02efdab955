package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Record components that may be null, as pydantic's {@code description: str | None = None}:
 * {@code Optional<T>}, {@code Omittable<T>} and any annotation named {@code Nullable} are not
 * required, accept null, read a missing value as empty (never a null {@code Optional}), and are
 * documented as {@code anyOf [T, null]}. The answers are FastAPI's for its body tutorial.
 */
class NullableFieldsTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static TestClient client;
    static JsonNode doc;

    /** Any annotation with this simple name marks a component nullable (jakarta.annotation, JSpecify...). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER,
            ElementType.TYPE_USE})
    public @interface Nullable {
    }

    /** JSpecify's style: a type-use annotation only, seen on the component's type. */
    public static final class TypeUse {
        @Retention(RetentionPolicy.RUNTIME)
        @Target(ElementType.TYPE_USE)
        public @interface Nullable {
        }
    }

    public record Memo(String title, java.lang.@TypeUse.Nullable String note) {
    }

    /** FastAPI's body tutorial's Item: {@code description: str | None = None}, {@code tax: float | None = None}. */
    public record Item(String name, Optional<String> description, double price, Optional<Double> tax) {
    }

    public record Note(String title, @Nullable String body, @Nullable Integer pages, Omittable<String> tag) {
    }

    /** What the handler saw. */
    public record Seen(boolean bodyIsNull, boolean pagesIsNull, String tag) {
    }

    public static final class Routes {
        @Post("/items/")
        public Item create(@Body Item item) {
            if (item.description() == null || item.tax() == null) {
                throw new AssertionError("a missing Optional component must be Optional.empty(), not null");
            }
            return item;
        }

        @Post("/notes")
        public Seen note(@Body Note note) {
            return new Seen(note.body() == null, note.pages() == null,
                    note.tag().isAbsent() ? "absent" : note.tag().get() == null ? "null" : note.tag().get());
        }

        @Post("/memos")
        public Memo memo(@Body Memo memo) {
            return memo;
        }

        @Post("/notes/echo")
        public Note echo(@Body Note note) {
            return note;
        }
    }

    @BeforeAll
    static void start() {
        client = TestClient.of(App.create().include(new Routes()));
        doc = JSON.readTree(client.get("/openapi.json").text());
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonNode post(String path, String body, int status) {
        TestResponse r = client.postRaw(path, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return json(r.text());
    }

    @Test
    void missingOptionalComponentsAreEmptyAndAnsweredAsNull() {
        assertThat(post("/items/", "{\"name\":\"Foo\",\"price\":50.5}", 200))
                .isEqualTo(json("{\"name\":\"Foo\",\"price\":50.5,\"description\":null,\"tax\":null}"));
        assertThat(post("/items/", "{\"name\":\"Foo\",\"description\":null,\"price\":50.5,\"tax\":0.3}", 200))
                .isEqualTo(json("{\"name\":\"Foo\",\"price\":50.5,\"description\":null,\"tax\":0.3}"));
    }

    /** FastAPI: {"detail":[{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":"Foo"}}]}. */
    @Test
    void aNonNullableComponentIsStillRequiredAndRefusesNull() {
        assertThat(post("/items/", "{\"name\":\"Foo\"}", 422)).isEqualTo(json("""
                {"detail":[{"type":"missing","loc":["body","price"],"msg":"Field required","input":{"name":"Foo"}}]}"""));
        assertThat(post("/notes", "{\"title\":null}", 422).at("/detail/0/type").asString()).isEqualTo("string_type");
    }

    @Test
    void nullableAnnotatedAndOmittableComponentsMayBeMissingOrNull() {
        assertThat(post("/notes", "{\"title\":\"t\"}", 200))
                .isEqualTo(json("{\"bodyIsNull\":true,\"pagesIsNull\":true,\"tag\":\"absent\"}"));
        assertThat(post("/notes", "{\"title\":\"t\",\"body\":null,\"pages\":null,\"tag\":null}", 200))
                .isEqualTo(json("{\"bodyIsNull\":true,\"pagesIsNull\":true,\"tag\":\"null\"}"));
        assertThat(post("/notes", "{\"title\":\"t\",\"body\":\"b\",\"pages\":3,\"tag\":\"x\"}", 200))
                .isEqualTo(json("{\"bodyIsNull\":false,\"pagesIsNull\":false,\"tag\":\"x\"}"));
        assertThat(post("/notes/echo", "{\"title\":\"t\",\"pages\":3}", 200))
                .isEqualTo(json("{\"title\":\"t\",\"body\":null,\"pages\":3,\"tag\":null}"));
    }

    @Test
    void aTypeUseNullableAnnotationCountsToo() {
        assertThat(post("/memos", "{\"title\":\"t\"}", 200)).isEqualTo(json("{\"title\":\"t\",\"note\":null}"));
        assertThat(doc.at("/components/schemas/Memo/required")).isEqualTo(json("[\"title\"]"));
        assertThat(doc.at("/components/schemas/Memo/properties/note"))
                .isEqualTo(json("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}],\"title\":\"Note\"}"));
    }

    @Test
    void aSentValueIsStillCheckedAgainstTheTypeArgument() {
        JsonNode error = post("/notes", "{\"title\":\"t\",\"pages\":\"many\"}", 422).at("/detail/0");
        assertThat(error.path("type").asString()).isEqualTo("int_parsing");
        assertThat(error.path("loc")).isEqualTo(json("[\"body\",\"pages\"]"));
        error = post("/notes", "{\"title\":\"t\",\"tag\":5}", 422).at("/detail/0");
        assertThat(error.path("type").asString()).isEqualTo("string_type");
        assertThat(error.path("loc")).isEqualTo(json("[\"body\",\"tag\"]"));
    }

    /** FastAPI's body tutorial schema of Item, field for field (a Java double adds {@code format: double}). */
    @Test
    void openApiDocumentsNullableComponentsAsAnyOfTAndNullAndNotRequired() {
        assertThat(doc.at("/components/schemas/Item")).isEqualTo(json("""
                {"properties":{"name":{"type":"string","title":"Name"},
                               "description":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Description"},
                               "price":{"type":"number","format":"double","title":"Price"},
                               "tax":{"anyOf":[{"type":"number","format":"double"},{"type":"null"}],"title":"Tax"}},
                 "type":"object","required":["name","price"],"title":"Item"}"""));
        assertThat(doc.at("/components/schemas/Note")).isEqualTo(json("""
                {"properties":{"title":{"type":"string","title":"Title"},
                               "body":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Body"},
                               "pages":{"anyOf":[{"type":"integer","format":"int32"},{"type":"null"}],"title":"Pages"},
                               "tag":{"anyOf":[{"type":"string"},{"type":"null"}],"title":"Tag"}},
                 "type":"object","required":["title"],"title":"Note"}"""));
    }
}
