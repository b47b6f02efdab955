package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fasterapi.web.security.BearerToken;
import io.fasterapi.web.security.OAuth2PasswordBearer;
import io.fasterapi.web.security.OAuth2PasswordRequestForm;
import io.fasterapi.web.security.SecurityScopes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI's Authorize button against a real server, in a real headless Chromium: "Try it out" on
 * a protected route answers 401 before authorizing; after logging in through the OAuth2 password
 * flow of the Authorize dialog (which posts the form to the scheme's tokenUrl) with the scope the
 * route requires, the same button answers 200 with the user's data.
 */
class SwaggerAuthorizeBrowserTest {
    static TestClient client;
    static final Map<String, Session> sessions = new ConcurrentHashMap<>();

    record Session(String username, List<String> scopes) {
    }

    record Me(String username) {
    }

    public record Token(String access_token, String token_type) {
    }

    public static final class Users {
        public Me me(SecurityScopes required, BearerToken token) {
            Session s = sessions.get(token.token());
            if (s == null) {
                throw new HttpException(401, "Could not validate credentials", Map.of("WWW-Authenticate", "Bearer"));
            }
            for (String scope : required.scopes()) {
                if (!s.scopes().contains(scope)) {
                    throw new HttpException(401, "Not enough permissions",
                            Map.of("WWW-Authenticate", "Bearer scope=\"" + required.scopeStr() + "\""));
                }
            }
            return new Me(s.username());
        }
    }

    public static class Routes {
        @Post("/token")
        public Token login(OAuth2PasswordRequestForm form) {
            if (!form.username().equals("johndoe") || !form.password().equals("secret")) {
                throw new HttpException(400, "Incorrect username or password");
            }
            String token = "tok-" + sessions.size();
            sessions.put(token, new Session(form.username(), form.scopes()));
            return new Token(token, "bearer");
        }

        @Get("/users/me")
        public Me me(@Security(scopes = "me") Me me) {
            return me;
        }
    }

    @BeforeAll
    static void start() {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put("me", "Read information about the current user.");
        App app = App.create().info("Secure", "1.0.0")
                .provide(BearerToken.class, OAuth2PasswordBearer.tokenUrl("/token").scopes(scopes))
                .provideFrom(Me.class, new Users())
                .include(new Routes());
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    // Helpers loaded into the page: wait for an element, click it, type into a React-controlled input.
    private static final String HELPERS = """
            window.t = {
              wait: async (selector, ms = 20000) => {
                const end = Date.now() + ms;
                for (;;) {
                  const el = document.querySelector(selector);
                  if (el) return el;
                  if (Date.now() > end) throw new Error('no element ' + selector);
                  await new Promise(r => setTimeout(r, 50));
                }
              },
              click: async (selector) => { (await t.wait(selector)).click(); },
              type: async (selector, value) => {
                const el = await t.wait(selector);
                Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, value);
                el.dispatchEvent(new Event('input', {bubbles: true}));
                el.dispatchEvent(new Event('change', {bubbles: true}));
              },
              text: async (selector, wanted, ms = 20000) => {
                const end = Date.now() + ms;
                for (;;) {
                  const el = document.querySelector(selector);
                  if (el && el.innerText.includes(wanted)) return el.innerText;
                  if (Date.now() > end) throw new Error(selector + ' never showed ' + wanted + ': ' + (el && el.innerText));
                  await new Promise(r => setTimeout(r, 50));
                }
              },
              status: async (op) => {
                const cell = await t.wait(op + ' .live-responses-table .response .response-col_status');
                return cell.textContent.trim().split(/\\s+/)[0];
              },
            };
            'ok'
            """;

    @Test
    void authorizeWithThePasswordFlowThenTryItOutAnswers200And401Without() throws Exception {
        Path chromium = SwaggerUiTest.findChromium();
        assumeTrue(chromium != null, "no chromium binary on PATH: run scripts/ensure-chromium.sh (as root) to "
                + "install Debian's chromium package; Swagger UI's Authorize button was not checked in a browser");
        try (HeadlessChromium browser = HeadlessChromium.start(chromium)) {
            browser.navigate(client.baseUri() + "/docs");
            browser.eval("new Promise(r => { const w = () => window.SwaggerUIBundle ? r(1) : setTimeout(w, 50); w(); })");
            assertThat(browser.eval(HELPERS)).isEqualTo("ok");
            String op = "#operations-default-me_users_me_get";

            browser.eval("t.click('" + op + " .opblock-summary-control')");
            browser.eval("t.click('" + op + " .try-out__btn')");
            browser.eval("t.click('" + op + " .execute')");
            assertThat(browser.eval("t.status('" + op + "')")).as("Try it out before authorizing").isEqualTo("401");

            browser.eval("t.click('.auth-wrapper .authorize')");
            browser.eval("t.type('.modal-ux #oauth_username', 'johndoe')");
            browser.eval("t.type('.modal-ux #oauth_password', 'secret')");
            browser.eval("(async () => { (await t.wait('.modal-ux input[type=checkbox]'));"
                    + " document.querySelectorAll('.modal-ux input[type=checkbox]').forEach(c => c.checked || c.click()); })()");
            browser.eval("t.click('.modal-ux .auth-btn-wrapper .authorize')");
            String dialog = browser.eval("t.text('.modal-ux', 'Logout')");
            assertThat(dialog).as("the Authorize dialog after logging in").contains("Authorized").contains("Logout")
                    .doesNotContain("Auth Error");
            browser.eval("t.click('.modal-ux .btn-done, .modal-ux .close-modal')");

            browser.eval("t.click('" + op + " .btn-clear')");
            browser.eval("t.click('" + op + " .execute')");
            assertThat(browser.eval("t.status('" + op + "')")).as("Try it out after authorizing").isEqualTo("200");
            assertThat(browser.eval("t.wait('" + op + " .live-responses-table .response-col_description pre')"
                    + ".then(e => e.textContent)")).contains("\"username\": \"johndoe\"");
        }
        assertThat(sessions.values()).as("Swagger UI asked for the route's scope").contains(
                new Session("johndoe", List.of("me")));
    }
}
