package io.fasterapi.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.web.App;
import io.fasterapi.web.Get;
import io.fasterapi.web.Security;
import io.fasterapi.web.TestClient;
import io.fasterapi.web.TestResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @Security(scopes)} and {@code SecurityScopes}, as FastAPI's {@code test_security_scopes*.py}:
 * a factory sees the scopes declared from the handler down to it, outermost first, without
 * duplicates and without those of its siblings; a dependency that uses scopes is created once per
 * request and set of scopes, any other once per request.
 */
class ScopesTest {
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    static int count(String name) {
        return calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    }

    // FastAPI's test_security_scopes_sub_dependency.py, one type per dependency function
    record DbSession(String name) {
    }

    record CurrentUser(String user, List<String> scopes, String dbSession) {
    }

    record UserMe(String userMe, CurrentUser currentUser) {
    }

    record UserItems(String userItems, UserMe userMe) {
    }

    public static final class DbSessions {
        public DbSession session() {
            return new DbSession("db_session_" + count("db"));
        }
    }

    public static final class CurrentUsers {
        public CurrentUser currentUser(SecurityScopes securityScopes, DbSession db) {
            return new CurrentUser("user_" + count("current_user"), securityScopes.scopes(), db.name());
        }
    }

    public static final class UsersMe {
        public UserMe userMe(@Security(scopes = "me") CurrentUser currentUser) {
            return new UserMe("user_me_" + count("user_me"), currentUser);
        }
    }

    public static final class UsersItems {
        public UserItems userItems(UserMe userMe) {
            return new UserItems("user_items_" + count("user_items"), userMe);
        }
    }

    // FastAPI's test_security_scopes_dont_propagate.py
    record Dep1(List<String> scopes) {
    }

    record Dep2(List<String> scopes) {
    }

    record Dep3(List<String> dep1, List<String> dep2) {
    }

    public static final class Deps1 {
        public Dep1 dep1(SecurityScopes scopes) {
            return new Dep1(scopes.scopes());
        }
    }

    public static final class Deps2 {
        public Dep2 dep2(SecurityScopes scopes) {
            return new Dep2(scopes.scopes());
        }
    }

    public static final class Deps3 {
        public Dep3 dep3(@Security(scopes = "scope1") Dep1 dep1, @Security(scopes = {"scope2", "scope1"}) Dep2 dep2) {
            return new Dep3(dep1.scopes(), dep2.scopes());
        }
    }

    // A router-level Security(dep, scopes): FastAPI's APIRouter(dependencies=[Security(...)])
    record Guard(List<String> scopes) {
    }

    static final List<List<String>> guarded = new java.util.concurrent.CopyOnWriteArrayList<>();

    public static final class Guards {
        public Guard guard(SecurityScopes scopes) {
            guarded.add(scopes.scopes());
            if (!scopes.scopes().contains("admin")) {
                throw new io.fasterapi.web.HttpException(403, "Not enough permissions");
            }
            return new Guard(scopes.scopes());
        }
    }

    public static class AdminRoutes {
        @Get("/panel")
        public String panel() {
            return "panel";
        }
    }

    public static class Routes {
        @Get("/")
        public Map<String, Object> both(UserMe userMe, @Security(scopes = "items") UserItems userItems) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user_me", userMe);
            m.put("user_items", userItems);
            return m;
        }

        @Get("/scopes")
        public Dep3 scopes(@Security(scopes = "scope3") Dep3 dep3) {
            return dep3;
        }

        @Get("/handler-scopes")
        public List<String> handlerScopes(SecurityScopes scopes) {
            return scopes.scopes();
        }

        @Get("/duplicates")
        public Dep1 duplicates(@Security(scopes = {"a", "b", "a"}) Dep1 dep1) {
            return dep1;
        }
    }

    static TestClient client;

    @BeforeAll
    static void start() {
        App app = App.create()
                .provideFrom(DbSession.class, new DbSessions())
                .provideFrom(CurrentUser.class, new CurrentUsers())
                .provideFrom(UserMe.class, new UsersMe())
                .provideFrom(UserItems.class, new UsersItems())
                .provideFrom(Dep1.class, new Deps1())
                .provideFrom(Dep2.class, new Deps2())
                .provideFrom(Dep3.class, new Deps3())
                .provideFrom(Guard.class, new Guards())
                .include(new Routes())
                .include(io.fasterapi.web.Router.of(new AdminRoutes()).prefix("/admin").security(Guard.class, "admin"))
                .include(io.fasterapi.web.Router.of(new AdminRoutes()).prefix("/open").dependencies(Guard.class));
        client = TestClient.of(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @BeforeEach
    void resetCounts() {
        calls.clear();
    }

    @Test
    void scopedDependenciesAreCachedPerSetOfScopesAndOthersPerRequest() {
        TestResponse r = client.get("/");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(calls.get("db").get()).isEqualTo(1);
        assertThat(calls.get("current_user").get()).isEqualTo(2);
        assertThat(calls.get("user_me").get()).isEqualTo(2);
        assertThat(calls.get("user_items").get()).isEqualTo(1);
        assertThat(r.text()).isEqualTo("{\"user_me\":{\"userMe\":\"user_me_1\",\"currentUser\":{\"user\":\"user_1\","
                + "\"scopes\":[\"me\"],\"dbSession\":\"db_session_1\"}},"
                + "\"user_items\":{\"userItems\":\"user_items_1\",\"userMe\":{\"userMe\":\"user_me_2\","
                + "\"currentUser\":{\"user\":\"user_2\",\"scopes\":[\"items\",\"me\"],\"dbSession\":\"db_session_1\"}}}}");
    }

    @Test
    void theSameRouteComputesTheSameScopesOnEveryRequest() {
        for (int i = 0; i < 3; i++) {
            calls.clear();
            assertThat(client.get("/").text()).contains("\"scopes\":[\"me\"]", "\"scopes\":[\"items\",\"me\"]");
            assertThat(calls.get("current_user").get()).isEqualTo(2);
        }
    }

    @Test
    void scopesDoNotPropagateBetweenSiblings() {
        TestResponse r = client.get("/scopes");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("{\"dep1\":[\"scope3\",\"scope1\"],\"dep2\":[\"scope3\",\"scope2\",\"scope1\"]}");
    }

    @Test
    void aHandlerTakingSecurityScopesGetsNone() {
        assertThat(client.get("/handler-scopes").text()).isEqualTo("[]");
    }

    @Test
    void repeatedScopesAreListedOnce() {
        assertThat(client.get("/duplicates").text()).isEqualTo("{\"scopes\":[\"a\",\"b\"]}");
    }

    @Test
    void aRouterSecurityDependencyRunsBeforeEachHandlerWithItsScopes() {
        guarded.clear();
        TestResponse r = client.get("/admin/panel");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json(String.class)).isEqualTo("panel");
        assertThat(guarded).containsExactly(List.of("admin"));
        TestResponse refused = client.get("/open/panel");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(guarded).containsExactly(List.of("admin"), List.of());
    }

    @Test
    void securityScopesJoinsScopesWithSpaces() {
        SecurityScopes s = SecurityScopes.of(List.of("items", "me", "items"));
        assertThat(s.scopes()).containsExactly("items", "me");
        assertThat(s.scopeStr()).isEqualTo("items me");
        assertThat(s.sameSetAs(SecurityScopes.of(List.of("me", "items")))).isTrue();
        assertThat(s.sameSetAs(SecurityScopes.NONE)).isFalse();
    }

    @Test
    void aSecurityParameterWithoutAFactoryFailsAtStartup() {
        record Unregistered(String x) {
        }
        App app = App.create();
        app.include(new Object() {
            @Get("/x")
            public String x(@Security(scopes = "a") Unregistered u) {
                return "";
            }
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.start(0))
                .hasMessageContaining("@Security parameter 'u'").hasMessageContaining("has no factory");
    }
}
