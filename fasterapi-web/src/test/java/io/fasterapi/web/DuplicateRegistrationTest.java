package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.web.security.OAuth2PasswordRequestForm;
import org.junit.jupiter.api.Test;

/** One factory per type: a second registration is refused at once, naming the type and the fix (it used to win silently). */
class DuplicateRegistrationTest {
    record Settings(String name) {
    }

    public static final class SettingsFactory {
        public Settings settings(@Query("name") String name) {
            return new Settings(name);
        }
    }

    @Test
    void aSecondProvideOfOneTypeIsRefusedNamingTheTypeAndTheFix() {
        App app = App.create().provide(Settings.class, () -> new Settings("first"));
        assertThatThrownBy(() -> app.provide(Settings.class, () -> new Settings("second")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Settings.class.getName())
                .hasMessageContaining("app.override(")
                .hasMessageContaining("@Named(");
        assertThatThrownBy(() -> app.provide(Settings.class, req -> new Settings("second")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.provideInstance(Settings.class, new Settings("second")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.provideFrom(Settings.class, new SettingsFactory()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> app.lifespan(Settings.class, opened -> new Settings("second")))
                .isInstanceOf(IllegalArgumentException.class);
        app.get("/settings", req -> req.dependency(Settings.class).name());
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/settings").json(String.class)).as("the first registration stands").isEqualTo("first");
        }
    }

    @Test
    void aLifespanResourceTakesItsTypeToo() {
        App app = App.create().lifespan(Settings.class, opened -> new Settings("lifespan"));
        assertThatThrownBy(() -> app.provide(Settings.class, () -> new Settings("second")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Settings.class.getName());
        app.get("/settings", req -> req.dependency(Settings.class).name());
        for (int start = 0; start < 2; start++) { // opening it again on a restart is no second registration
            try (TestClient client = TestClient.of(app)) {
                assertThat(client.get("/settings").json(String.class)).isEqualTo("lifespan");
            }
        }
    }

    @Test
    void aBuiltInFactoryGivesWayToTheAppsOwnOnce() {
        OAuth2PasswordRequestForm fixed = new OAuth2PasswordRequestForm("password", "ada", "secret", "", null, null);
        App app = App.create().provide(OAuth2PasswordRequestForm.class, () -> fixed);
        assertThatThrownBy(() -> app.provide(OAuth2PasswordRequestForm.class, () -> fixed))
                .isInstanceOf(IllegalArgumentException.class);
        app.post("/token", req -> req.dependency(OAuth2PasswordRequestForm.class).username());
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.send("POST", "/token", null, null).json(String.class)).isEqualTo("ada");
        }
    }

    @Test
    void aNamedRegistrationIsAnotherKeyButTwiceTheSameNameIsRefused() {
        App app = App.create().provide(Settings.class, () -> new Settings("plain"))
                .provide("other", Settings.class, () -> new Settings("other"));
        assertThatThrownBy(() -> app.provideInstance("other", Settings.class, new Settings("again")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("named \"other\"");
        assertThatThrownBy(() -> app.provide("", Settings.class, () -> new Settings("blank")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
