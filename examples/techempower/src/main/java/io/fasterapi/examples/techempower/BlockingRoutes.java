package io.fasterapi.examples.techempower;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.QueryResult;
import io.fasterapi.web.DefaultValue;
import io.fasterapi.web.Get;
import io.fasterapi.web.Produces;
import io.fasterapi.web.Query;
import io.fasterapi.web.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * The tests as most users write them, FastAPI's {@code def} style: annotated methods with typed
 * parameters, a {@link Pg} injected per request (a shared handle whose statements are pipelined
 * with other requests', closed after the response), a record as response model, plain sequential code on a virtual thread. Measured next
 * to the async lambdas of {@link TechEmpowerApp} so the style users write is the style we measure.
 */
public final class BlockingRoutes {
    private final TechEmpowerApp statements;

    BlockingRoutes(TechEmpowerApp statements) {
        this.statements = statements;
    }

    /** One random world. */
    @Get("/db-annotated")
    public World db(Pg pg) {
        return TechEmpowerApp.world(pg.run(statements.selectWorld(), TechEmpowerApp.randomId()));
    }

    /** {@code queries} random worlds, one query after another (TechEmpower's count rules: a non-number is 1). */
    @Get("/queries-annotated")
    public List<World> queries(@Query("queries") @DefaultValue("1") String queries, Pg pg) {
        int n = TechEmpowerApp.queries(queries);
        List<World> worlds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            worlds.add(TechEmpowerApp.world(pg.run(statements.selectWorld(), TechEmpowerApp.randomId())));
        }
        return worlds;
    }

    /** The fortunes page. */
    @Get("/fortunes-annotated")
    @Produces("text/html")
    public Response fortunes(Pg pg) {
        QueryResult rows = pg.run(statements.selectFortunes());
        return statements.fortunesPage(rows);
    }
}
