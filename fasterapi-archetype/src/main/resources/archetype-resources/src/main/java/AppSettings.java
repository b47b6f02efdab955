package ${package};

import io.fasterapi.web.DefaultValue;
import io.fasterapi.web.Secret;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.Optional;

/**
 * The app's settings, read from environment variables (HOST, PORT, DATABASE_URL) and .env.
 *
 * @param host the address to listen on; 0.0.0.0 to accept connections from other machines
 * @param port the port to listen on
 * @param databaseUrl a PostgreSQL DSN ({@code postgres://user:password@host/db}); without it the
 *     database routes are not served
 */
public record AppSettings(@DefaultValue("127.0.0.1") String host,
                          @DefaultValue("8000") @Min(1) @Max(65535) int port,
                          Optional<Secret> databaseUrl) {
}
