package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /redoc}: FastAPI's ReDoc page, its script from the webjar (no CDN), and what a real browser renders. */
class RedocTest {
    static TestClient client;

    public record Pet(String name, int age) {
    }

    public static class PetRoutes {
        @Get("/pets/{petId}")
        @Operation(summary = "Find a pet by its id")
        public Pet getPet(int petId) {
            return new Pet("Rex", 3);
        }

        @Post("/pets")
        @Status(201)
        public Pet createPet(Pet pet) {
            return pet;
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().info("Pet <Shop>", "1.0.0").include("/v1", new PetRoutes(), "pets");
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void redocPageIsFastApisPointingAtTheDocumentAndTheBundledScript() {
        TestResponse page = client.get("/redoc");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.text()).contains("<redoc spec-url=\"/openapi.json\"></redoc>",
                "<script src=\"/redoc/redoc.standalone.js\"> </script>",
                "<title>Pet &lt;Shop&gt; - ReDoc</title>");
        assertThat(page.text()).as("nothing from a CDN or Google Fonts").doesNotContain("http://", "https://");
    }

    @Test
    void theStandaloneBundleIsServedFromTheWebjar() {
        TestResponse js = client.get("/redoc/redoc.standalone.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("content-type")).startsWith("text/javascript");
        assertThat(js.text()).contains("Redoc").hasSizeGreaterThan(100_000);
        assertThat(client.get("/redoc/redoc.lib.js").status()).as("only the page's file").isEqualTo(404);
    }

    @Test
    void redocUrlMovesOrTurnsOffThePageAndIsNotInTheDocument() {
        try (TestClient moved = TestClient.of(App.create().redocUrl("/api-docs"))) {
            assertThat(moved.get("/redoc").status()).isEqualTo(404);
            assertThat(moved.get("/api-docs").text()).contains("src=\"/api-docs/redoc.standalone.js\"");
            assertThat(moved.get("/api-docs/redoc.standalone.js").status()).isEqualTo(200);
        }
        try (TestClient off = TestClient.of(App.create().redocUrl(null))) {
            assertThat(off.get("/redoc").status()).isEqualTo(404);
            assertThat(off.get("/docs").status()).as("Swagger UI stays").isEqualTo(200);
        }
        try (TestClient noDocument = TestClient.of(App.create().openapiUrl(null))) {
            assertThat(noDocument.get("/redoc").status()).isEqualTo(404);
        }
        assertThat(client.get("/openapi.json").text()).doesNotContain("/redoc");
    }

    @Test
    void headlessChromiumRendersTheOperationsWithReDoc() throws Exception {
        Path chromium = SwaggerUiTest.findChromium();
        assumeTrue(chromium != null, "no chromium binary on PATH: run scripts/ensure-chromium.sh (as root) to "
                + "install Debian's chromium package; the ReDoc page was not checked in a browser");
        Path profile = Files.createTempDirectory("fasterapi-chromium");
        try {
            String dom = SwaggerUiTest.dumpDom(chromium, profile, client.baseUri() + "/redoc");
            assertThat(dom).as("the declared summary and the derived one").contains("Find a pet by its id",
                    "Create Pet");
            assertThat(dom).as("the path of an operation").contains("/v1/pets/{petId}");
        } finally {
            SwaggerUiTest.deleteTree(profile);
        }
    }
}
