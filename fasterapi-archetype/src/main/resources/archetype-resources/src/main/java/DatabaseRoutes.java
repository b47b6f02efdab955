package ${package};

import io.fasterapi.pg.Pg;
import io.fasterapi.web.Get;
import java.util.Map;

/** Routes served when DATABASE_URL is set: a handler takes a Pg and runs queries in plain code. */
public final class DatabaseRoutes {
    @Get("/db/version")
    public Map<String, String> version(Pg pg) {
        return Map.of("version", pg.exec("SELECT version()").scalar(String.class));
    }
}
