package io.fasterapi.examples.basic;

import io.fasterapi.testing.GeneratedClients;
import io.fasterapi.testing.GeneratedClients.Kind;
import io.fasterapi.web.TestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients generated from the example's {@code /openapi.json} by OpenAPI Generator compile (TypeScript
 * with {@code --strict}) and call every route of the running example, reading answers and error bodies
 * as the document types them: the drivers are {@code src/test/clients/calls.ts} and {@code Calls.java}.
 */
class GeneratedClientsTest {
    static final Path WORK = Path.of("target/openapi-clients");
    static ShopDb db;
    static TestClient client;
    static Path document;

    @BeforeAll
    static void start() throws IOException {
        db = new ShopDb(GeneratedClientsTest.class);
        client = TestClient.of(BasicApp.create(db.pool));
        document = WORK.resolve("basic-app.json");
        Files.createDirectories(WORK);
        Files.writeString(document, client.get("/openapi.json").text());
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    @Test
    void typescriptFetchClientCompilesStrictAndCallsEveryRoute() {
        GeneratedClients.assertEveryRouteAnswers(Kind.TYPESCRIPT, document, client.baseUri(),
                Path.of("src/test/clients"), WORK, WORK.resolve("lib"));
    }

    @Test
    void javaClientCompilesAndCallsEveryRoute() {
        GeneratedClients.assertEveryRouteAnswers(Kind.JAVA, document, client.baseUri(),
                Path.of("src/test/clients"), WORK, WORK.resolve("lib"));
    }
}
