package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Form and multipart binding ({@code @Form}, {@link UploadFile}), spooling to disk, limits and 422s. */
class FormsTest {
    static final int THRESHOLD = 64 * 1024;
    @TempDir
    static Path tmp;
    static Path spool;
    static TestClient client;

    public record Upload(String name, String filename, String contentType, long size, String sha256, boolean inMemory,
                         long spooledFiles, List<String> tags) {
    }

    public static class Routes {
        @Post("/login")
        public Map<String, Object> login(@Form String username, @Form int age, @Form Optional<String> note,
                                         @Form @DefaultValue("false") boolean remember) {
            return Map.of("username", username, "age", age, "note", note.orElse("-"), "remember", remember);
        }

        @Post("/upload")
        public Upload upload(@Form String name, UploadFile file, @Form("tag") List<String> tags) throws Exception {
            long spooled;
            try (Stream<Path> files = Files.list(spool)) {
                spooled = files.count();
            }
            return new Upload(name, file.filename(), file.contentType(), file.size(), sha256(file), file.inMemory(),
                    spooled, tags);
        }

        @Post("/keep")
        public String keep(UploadFile file, @Form String target) throws IOException {
            file.transferTo(Path.of(target));
            return sha256(file);
        }

        @Post("/many")
        public List<String> many(List<UploadFile> files, @Form("raw") byte[] raw) {
            return Stream.concat(files.stream().map(UploadFile::filename), Stream.of(new String(raw, StandardCharsets.UTF_8)))
                    .toList();
        }
    }

    static String sha256(UploadFile file) {
        try (InputStream in = file.open()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @BeforeAll
    static void start() throws IOException {
        spool = Files.createDirectory(tmp.resolve("spool"));
        App app = App.create().include(new Routes());
        app.post("/echo-form", req -> Map.of("names", List.copyOf(req.form().names()),
                "a", req.form().value("a").orElse("")));
        client = TestClient.of(app, ServerOptions.builder().uploadMemoryThreshold(THRESHOLD).uploadDirectory(spool)
                .maxBodySize(8 * 1024 * 1024).maxFormParts(10));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static void awaitSpoolEmpty() throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        long n;
        do {
            try (Stream<Path> files = Files.list(spool)) {
                n = files.count();
            }
            if (n == 0) {
                return;
            }
            Thread.sleep(5);
        } while (System.nanoTime() < end);
        assertThat(n).as("temporary files left after the response").isZero();
    }

    @Test
    void bindsUrlEncodedFields() {
        TestResponse r = client.postRaw("/login", "application/x-www-form-urlencoded",
                "username=ada+lovelace&age=36&note=hi%21".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("username", "ada lovelace", "age", 36, "note", "hi!",
                "remember", false));
    }

    @Test
    void bindsMultipartFieldsLikeUrlEncodedOnes() {
        byte[] body = new Multipart().field("username", "grace").field("age", "85").field("remember", "true").build();
        TestResponse r = client.postRaw("/login", Multipart.contentType(), body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("username", "grace", "age", 85, "note", "-", "remember", true));
    }

    @Test
    void missingAndMalformedFieldsAre422InFastApisShape() {
        TestResponse r = client.postRaw("/login", "application/x-www-form-urlencoded",
                "age=old".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json(JsonNode.class).toString()).isEqualTo("{\"detail\":["
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"username\"],\"msg\":\"Field required\",\"input\":null},"
                + "{\"type\":\"int_parsing\",\"loc\":[\"body\",\"age\"],"
                + "\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"old\"}]}");
    }

    @Test
    void missingFileAndTextInsteadOfFileAre422() {
        TestResponse missing = client.postRaw("/upload", Multipart.contentType(),
                new Multipart().field("name", "x").build());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json(JsonNode.class).toString()).isEqualTo("{\"detail\":[{\"type\":\"missing\","
                + "\"loc\":[\"body\",\"file\"],\"msg\":\"Field required\",\"input\":null}]}");
        TestResponse text = client.postRaw("/upload", Multipart.contentType(),
                new Multipart().field("name", "x").field("file", "not a file").build());
        assertThat(text.status()).isEqualTo(422);
        assertThat(text.json(JsonNode.class).toString()).isEqualTo("{\"detail\":[{\"type\":\"value_error\","
                + "\"loc\":[\"body\",\"file\"],\"msg\":\"Value error, Expected UploadFile, received: <class 'str'>\","
                + "\"input\":\"not a file\",\"ctx\":{\"error\":{}}}]}");
    }

    @Test
    void smallFileStaysInMemory() throws Exception {
        byte[] content = "hello, upload".getBytes(StandardCharsets.UTF_8);
        TestResponse r = client.postRaw("/upload", Multipart.contentType(),
                new Multipart().field("name", "small").file("file", "a.txt", "text/plain", content).build());
        assertThat(r.status()).isEqualTo(200);
        Upload u = r.json(Upload.class);
        assertThat(u).isEqualTo(new Upload("small", "a.txt", "text/plain", content.length, sha256(content), true, 0,
                List.of()));
    }

    @Test
    void fileLargerThanTheThresholdIsSpooledToDiskAndDeletedAfterTheResponse() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        byte[] body = new Multipart().field("name", "big").field("tag", "a").field("tag", "b")
                .file("file", "big.bin", "application/octet-stream", content).build();
        TestResponse r = client.postRaw("/upload", Multipart.contentType(), body);
        assertThat(r.status()).isEqualTo(200);
        Upload u = r.json(Upload.class);
        assertThat(u.sha256()).isEqualTo(sha256(content));
        assertThat(u.size()).isEqualTo(content.length);
        assertThat(u.inMemory()).isFalse();
        assertThat(u.spooledFiles()).as("temporary files while the handler ran").isEqualTo(1);
        assertThat(u.tags()).containsExactly("a", "b");
        awaitSpoolEmpty();
    }

    @Test
    void transferToMovesTheSpooledFile() throws Exception {
        byte[] content = new byte[THRESHOLD * 3];
        new Random(7).nextBytes(content);
        Path target = tmp.resolve("kept.bin");
        TestResponse r = client.postRaw("/keep", Multipart.contentType(), new Multipart()
                .field("target", target.toString()).file("file", "k.bin", "application/octet-stream", content).build());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(String.class)).isEqualTo(sha256(content));
        awaitSpoolEmpty();
        assertThat(sha256(Files.readAllBytes(target))).isEqualTo(sha256(content));
    }

    @Test
    void bindsListsOfFilesAndBytes() {
        byte[] body = new Multipart().file("files", "1.txt", "text/plain", new byte[] {1})
                .file("files", "2.txt", "text/plain", new byte[] {2})
                .file("raw", "r.txt", "text/plain", "raw bytes".getBytes(StandardCharsets.UTF_8)).build();
        TestResponse r = client.postRaw("/many", Multipart.contentType(), body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(List.class)).containsExactly("1.txt", "2.txt", "raw bytes");
    }

    @Test
    void lambdaRoutesReadTheFormFromTheRequest() {
        TestResponse r = client.postRaw("/echo-form", Multipart.contentType(),
                new Multipart().field("a", "1").file("b", "b.txt", "text/plain", new byte[3]).build());
        assertThat(r.json(Map.class)).isEqualTo(Map.of("names", List.of("a", "b"), "a", "1"));
    }

    @Test
    void tooManyPartsIs400() {
        Multipart m = new Multipart();
        for (int i = 0; i < 11; i++) {
            m.field("f" + i, "v");
        }
        TestResponse r = client.postRaw("/echo-form", Multipart.contentType(), m.build());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json(Map.class)).isEqualTo(Map.of("detail", "Too many form parts; at most 10 are accepted"));
    }

    @Test
    void multipartBodyOverTheLimitIs413AndLeavesNoFile() throws Exception {
        byte[] content = new byte[9 * 1024 * 1024];
        TestResponse r;
        try {
            r = client.postRaw("/upload", Multipart.contentType(),
                    new Multipart().field("name", "huge").file("file", "h.bin", "application/octet-stream", content).build());
        } catch (java.io.UncheckedIOException closedWhileSending) {
            awaitSpoolEmpty(); // the server may close before the client finished sending
            return;
        }
        assertThat(r.status()).isEqualTo(413);
        awaitSpoolEmpty();
    }

    @Test
    void malformedMultipartIs400() {
        TestResponse r = client.postRaw("/echo-form", "multipart/form-data",
                "no boundary".getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
    }
}
