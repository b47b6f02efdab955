package io.fasterapi.examples.techempower;

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
 * Clients generated from the app's {@code /openapi.json} by OpenAPI Generator compile (TypeScript with
 * {@code --strict}) and call every test route of the running app: the drivers are
 * {@code src/test/clients/calls.ts} and {@code Calls.java}.
 */
class GeneratedClientsTest {
    static final Path WORK = Path.of("target/openapi-clients");
    static ThrowawayDatabase database;
    static TestClient client;
    static Path document;

    @BeforeAll
    static void start() throws IOException {
        database = ThrowawayDatabase.create(GeneratedClientsTest.class);
        client = TestClient.of(TechEmpowerApp.create(database.pool));
        document = WORK.resolve("techempower.json");
        Files.createDirectories(WORK);
        Files.writeString(document, client.get("/openapi.json").text());
    }

    @AfterAll
    static void stop() {
        client.close();
        database.close();
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
