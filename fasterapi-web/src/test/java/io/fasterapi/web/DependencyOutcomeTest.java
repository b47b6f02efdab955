package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@link DependencyCleanup}: the cleanup learns how the handler ended (FastAPI's {@code yield} in
 * {@code try/except}); {@code handlerReturned} runs before the response, so what it throws is the answer.
 */
class DependencyOutcomeTest {
    /** Records what it was told, in order. */
    static final class Unit implements DependencyCleanup {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile Throwable failure;
        volatile boolean failOnReturn;

        @Override
        public void handlerReturned() {
            events.add("returned");
            if (failOnReturn) {
                throw new HttpException(409, "could not commit");
            }
        }

        @Override
        public void close(Throwable failure) {
            this.failure = failure;
            events.add("closed");
        }
    }

    public static final class Routes {
        @Get("/ok")
        public String ok(Unit unit) {
            return "ok";
        }

        @Get("/fails")
        public String fails(Unit unit) {
            throw new HttpException(418, "teapot");
        }

        @Get("/commit-fails")
        public String commitFails(Unit unit) {
            unit.failOnReturn = true;
            return "never sent";
        }

        @Get("/needs-query")
        public String needsQuery(Unit unit, @Query("n") int n) {
            return "n=" + n;
        }

        @Get("/async")
        public Future<String> async(Unit unit) {
            return Future.ready("async");
        }
    }

    private final List<Unit> units = new CopyOnWriteArrayList<>();

    private TestClient client() {
        return TestClient.of(App.create().provide(Unit.class, () -> {
            Unit u = new Unit();
            units.add(u);
            return u;
        }).include(new Routes()));
    }

    /** The last unit, once its close ran (after the response was written, which may trail the client's read). */
    private Unit closedUnit() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (!units.isEmpty() && units.getLast().events.contains("closed")) {
                return units.getLast();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no unit closed: " + units);
    }

    @Test
    void aHandlerThatReturnsIsToldBeforeTheResponseAndClosedWithoutFailure() throws Exception {
        try (TestClient client = client()) {
            assertThat(client.get("/ok").json(String.class)).isEqualTo("ok");
            Unit unit = closedUnit();
            assertThat(unit.events).containsExactly("returned", "closed");
            assertThat(unit.failure).isNull();
            units.clear();
            assertThat(client.get("/async").json(String.class)).isEqualTo("async");
            assertThat(closedUnit().events).as("a loop handler too").containsExactly("returned", "closed");
            assertThat(units.getLast().failure).isNull();
        }
    }

    @Test
    void aHandlerThatThrowsIsNotToldItReturnedAndTheCloseReceivesItsException() throws Exception {
        try (TestClient client = client()) {
            TestResponse r = client.get("/fails");
            assertThat(r.status()).isEqualTo(418);
            Unit unit = closedUnit();
            assertThat(unit.events).containsExactly("closed");
            assertThat(unit.failure).isInstanceOf(HttpException.class);
            assertThat(((HttpException) unit.failure).status()).isEqualTo(418);
        }
    }

    @Test
    void whatHandlerReturnedThrowsIsTheAnswerAndTheCloseReceivesIt() throws Exception {
        try (TestClient client = client()) {
            TestResponse r = client.get("/commit-fails");
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.text()).isEqualTo("{\"detail\":\"could not commit\"}");
            Unit unit = closedUnit();
            assertThat(unit.events).containsExactly("returned", "closed");
            assertThat(((HttpException) unit.failure).status()).isEqualTo(409);
        }
    }

    @Test
    void aBindingErrorIsAFailureToo() throws Exception {
        try (TestClient client = client()) {
            assertThat(client.get("/needs-query?n=x").status()).isEqualTo(422);
            Unit unit = closedUnit();
            assertThat(unit.events).doesNotContain("returned");
            assertThat(unit.failure).isNotNull();
            units.clear();
            assertThat(client.get("/needs-query?n=3").json(String.class)).isEqualTo("n=3");
            assertThat(closedUnit().failure).isNull();
        }
    }
}
