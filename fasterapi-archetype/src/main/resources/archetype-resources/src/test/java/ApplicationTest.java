package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the app on a loopback port and calls it over HTTP. */
class ApplicationTest {
    private static TestClient client;

    @BeforeAll
    static void start() {
        client = TestClient.of(Application.create(new AppSettings("127.0.0.1", 8000, Optional.empty())));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void saysHello() {
        TestResponse r = client.get("/hello");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(Map.class).get("message")).isEqualTo("Hello from ${artifactId}");
    }

    @Test
    void createsThenReadsAnItem() {
        TestResponse created = client.request("POST", "/items").json(Map.of("name", "Widget", "price", 9.99)).send();
        Item item = created.json(Item.class);

        assertThat(created.status()).isEqualTo(201);
        assertThat(client.get("/items/" + item.id()).json(Item.class)).isEqualTo(item);
    }

    @Test
    void anUnknownItemIs404() {
        assertThat(client.get("/items/999999").json(Map.class)).isEqualTo(Map.of("detail", "Item not found"));
    }

    @Test
    void anInvalidItemIs422() {
        TestResponse r = client.request("POST", "/items").json(Map.of("name", "", "price", 0)).send();

        assertThat(r.status()).isEqualTo(422);
    }
}
