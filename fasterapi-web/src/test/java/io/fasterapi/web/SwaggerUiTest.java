package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /docs}: the page and its files over HTTP, and what a real browser (headless Chromium) renders. */
class SwaggerUiTest {
    static TestClient client;

    public record Pet(String name, int age) {
    }

    public static class PetRoutes {
        @Get("/pets/{petId}")
        public Pet getPet(int petId) {
            return new Pet("Rex", 3);
        }

        @Post("/pets") @Status(201)
        public Pet createPet(Pet pet) {
            return pet;
        }

        @Delete("/pets/{petId}")
        public void deletePet(int petId) {
        }
    }

    @BeforeAll
    static void start() {
        App app = App.create().info("Pet Shop", "1.0.0").include("/v1", new PetRoutes(), "pets");
        app.get("/hello", req -> "hello");
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void docsPageLoadsSwaggerUiFromTheWebjarAndPointsAtTheDocument() {
        TestResponse page = client.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("content-type")).startsWith("text/html");
        assertThat(page.text()).contains("url: \"/openapi.json\"", "src=\"/docs/swagger-ui-bundle.js\"",
                "href=\"/docs/swagger-ui.css\"", "<title>Pet Shop - Swagger UI</title>");

        TestResponse js = client.get("/docs/swagger-ui-bundle.js");
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("content-type")).startsWith("text/javascript");
        assertThat(js.text()).contains("SwaggerUIBundle");
        assertThat(client.get("/docs/swagger-ui.css").header("content-type")).startsWith("text/css");
        assertThat(client.get("/docs/favicon-32x32.png").header("content-type")).isEqualTo("image/png");
    }

    @Test
    void onlyTheKnownFilesOfTheWebjarAreServed() {
        assertThat(client.get("/docs/index.html").status()).isEqualTo(404);
        assertThat(client.get("/docs/../META-INF/MANIFEST.MF").status()).isEqualTo(404);
        assertThat(client.get("/docs/swagger-initializer.js").status()).isEqualTo(404);
    }

    @Test
    void headlessChromiumRendersEveryRouteOnTheDocsPage() throws Exception {
        Path chromium = findChromium();
        assumeTrue(chromium != null, "no chromium binary on PATH: run scripts/ensure-chromium.sh (as root) to "
                + "install Debian's chromium package; the docs page was not checked in a browser");
        Path profile = Files.createTempDirectory("fasterapi-chromium");
        try {
            String dom = dumpDom(chromium, profile, client.baseUri() + "/docs");
            assertThat(dom).as("Swagger UI rendered the document's title").contains("Pet Shop");
            for (String path : List.of("/v1/pets/{petId}", "/v1/pets", "/hello")) {
                assertThat(dom).as("rendered operation for %s", path)
                        .contains("class=\"opblock-summary-path\" data-path=\"" + path + "\"");
            }
            assertThat(dom).contains("opblock-get", "opblock-post", "opblock-delete");
            assertThat(dom).as("the tag's section").contains("data-tag=\"pets\"");
        } finally {
            deleteTree(profile);
        }
    }

    static String dumpDom(Path chromium, Path profile, String url) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--virtual-time-budget=20000", "--dump-dom", url));
        Path out = profile.resolve("dom.html");
        Path err = profile.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(45, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 45 s; stderr: " + tail(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("chromium exit status; stderr: %s", tail(err)).isZero();
        return dom;
    }

    private static String tail(Path file) throws IOException {
        String s = Files.exists(file) ? Files.readString(file) : "";
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    /** The first of Debian's and other common Chromium binaries found on PATH, or null. */
    static Path findChromium() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
