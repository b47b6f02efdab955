package io.fasterapi.examples.secure;

import io.fasterapi.pg.Pg;
import io.fasterapi.pg.PgPool;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The users table, in a PostgreSQL schema of the app's own ({@code secure_app} by default), created
 * at startup with demo users when empty. Passwords are stored only as {@link PasswordHasher}
 * hashes. The SQL is built once, with the schema name checked to be a plain identifier.
 */
public final class UserStore {
    /** A user with the stored hash, never sent to a client. */
    public record StoredUser(String username, String fullName, String email, String role, boolean disabled,
                             String passwordHash) {
        /** The API's view of this user. */
        public User user() {
            return new User(username, fullName, email, role, disabled);
        }
    }

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String schema;
    private final String byName;
    private final String all;

    /** The store in {@code schema} (a lower-case SQL identifier). */
    public UserStore(String schema) {
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("not a plain schema name: " + schema);
        }
        this.schema = schema;
        String columns = "username, full_name, email, role, disabled";
        this.byName = "SELECT " + columns + ", password_hash FROM " + schema + ".users WHERE username = $1";
        this.all = "SELECT " + columns + " FROM " + schema + ".users ORDER BY username";
    }

    /**
     * Creates the schema and table when missing and, when the table is empty, the demo users
     * {@code johndoe} (role user), {@code alice} (disabled) and {@code admin} (role admin), each
     * with the password {@code secret}. Idempotent.
     */
    public void createIfMissing(PgPool pool, PasswordHasher hasher) {
        try (Pg pg = pool.get()) {
            pg.script("CREATE SCHEMA IF NOT EXISTS " + schema + ";\n"
                    + "CREATE TABLE IF NOT EXISTS " + schema + ".users (username text PRIMARY KEY, full_name text NOT NULL,"
                    + " email text NOT NULL, role text NOT NULL CHECK (role IN ('user', 'admin')),"
                    + " disabled boolean NOT NULL DEFAULT false, password_hash text NOT NULL)");
            if (pg.exec("SELECT count(*) FROM " + schema + ".users").scalar(Long.class) == 0) {
                String insert = "INSERT INTO " + schema + ".users VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING";
                pg.exec(insert, "johndoe", "John Doe", "johndoe@example.com", "user", false, hasher.hash("secret"));
                pg.exec(insert, "alice", "Alice Chains", "alicechains@example.com", "user", true, hasher.hash("secret"));
                pg.exec(insert, "admin", "Ada Admin", "admin@example.com", "admin", false, hasher.hash("secret"));
            }
        }
    }

    /** The user named {@code username}, with the stored hash. */
    public Optional<StoredUser> find(Pg pg, String username) {
        return pg.exec(byName, username).first(StoredUser.class);
    }

    /** Every user, by name. */
    public List<User> list(Pg pg) {
        return pg.exec(all).as(User.class);
    }
}
