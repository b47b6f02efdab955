package io.fasterapi.web;

import io.fasterapi.web.internal.settings.DotEnvFile;
import io.fasterapi.web.internal.settings.SettingsBinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Typed settings bound from environment variables and an optional {@code .env} file, as
 * pydantic-settings' {@code BaseSettings} binds them. The settings are a record; each component is
 * read from the variable named after it in upper snake case ({@code databaseUrl} from
 * {@code DATABASE_URL}), behind an optional prefix.
 *
 * {@snippet :
 * public record Db(@DefaultValue("localhost") String host, @DefaultValue("5432") @Max(65535) int port) {}
 * public record AppSettings(
 *         @NotBlank String databaseUrl,                    // DATABASE_URL, required
 *         @DefaultValue("8000") @Min(1) @Max(65535) int port,
 *         Secret jwtSecret,                                // never printed
 *         Optional<String> sentryDsn,                      // may be unset
 *         List<String> corsOrigins,                        // ["https://a.example"] or a,b
 *         Db db) {}                                        // DB__HOST, DB__PORT
 *
 * AppSettings settings = Settings.load(AppSettings.class); // the environment, then ./.env
 * }
 *
 * <p>The rules, pydantic-settings' unless said otherwise:
 * <ul>
 *   <li>Names match case-insensitively. A variable set in the environment wins over the same one in
 *       the {@code .env} file, which wins over the component's {@link DefaultValue}.</li>
 *   <li>A component without a default is required unless it is an {@code Optional}; a variable
 *       set to the empty string counts as set (to {@code ""}), as in pydantic-settings.</li>
 *   <li>Simple types convert as query parameters do ({@code int}, {@code boolean} from
 *       {@code true/false/1/0/yes/no/on/off}, enums, {@code java.time}, {@code UUID}, {@code BigDecimal}),
 *       plus {@link Secret}, {@link Path} and {@link java.net.URI}. A {@code List} or {@code Set} is a
 *       JSON array, as in pydantic-settings, or, unlike it, a comma-separated list.</li>
 *   <li>A nested record is read from variables named with the component's name and the nested
 *       delimiter, {@code "__"} by default ({@code DB__HOST}). pydantic-settings has no delimiter
 *       unless configured; ours has one so that records nest without JSON in a variable.</li>
 *   <li>Jakarta constraints on components (nested records too, without {@code @Valid}) are checked
 *       after conversion.</li>
 *   <li>Every problem is collected: one {@link SettingsException} names every bad variable. Values
 *       are never part of the message.</li>
 * </ul>
 *
 * <p>{@code .env} follows python-dotenv: {@code KEY=value} lines, an optional {@code export}, {@code #}
 * comments, single quotes taken literally, double quotes with {@code \n}, {@code \t}, {@code \"} and
 * {@code \\} escapes. A missing {@code .env} file is no error; an unreadable one is.
 */
public final class Settings {
    private Settings() {
    }

    /** Binds {@code type} from the environment and {@code ./.env} (if present), with no prefix. */
    public static <T extends Record> T load(Class<T> type) {
        return loader(type).load();
    }

    /** A loader for {@code type} to set a prefix, another {@code .env} file or the variables' source. */
    public static <T extends Record> Loader<T> loader(Class<T> type) {
        return new Loader<>(type);
    }

    /** Sets where and how {@link #load()} reads; not thread-safe, use from one thread. */
    public static final class Loader<T extends Record> {
        private final Class<T> type;
        private String prefix = "";
        private Path envFile = Path.of(".env");
        private String nestedDelimiter = "__";
        private Map<String, String> environment = System.getenv();

        private Loader(Class<T> type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /** A prefix every variable name starts with ({@code "APP_"}: {@code APP_PORT}); pydantic's {@code env_prefix}. */
        public Loader<T> prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** The {@code .env} file to read ({@code ./.env} by default); pydantic's {@code env_file}. */
        public Loader<T> envFile(Path file) {
            this.envFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Reads no {@code .env} file, only the environment. */
        public Loader<T> noEnvFile() {
            this.envFile = null;
            return this;
        }

        /** What joins a component's name to its nested record's names ({@code "__"} by default). */
        public Loader<T> nestedDelimiter(String delimiter) {
            if (delimiter == null || delimiter.isEmpty()) {
                throw new IllegalArgumentException("the nested delimiter must not be empty");
            }
            this.nestedDelimiter = delimiter;
            return this;
        }

        /** Reads these variables instead of the process environment (tests; a secrets store). */
        public Loader<T> environment(Map<String, String> variables) {
            this.environment = Map.copyOf(variables);
            return this;
        }

        /**
         * The settings; throws {@link SettingsException} naming every missing or invalid variable,
         * or {@link java.io.UncheckedIOException} when the {@code .env} file exists but cannot be read.
         */
        public T load() {
            Map<String, String> variables = new HashMap<>();
            if (envFile != null && Files.exists(envFile)) {
                DotEnvFile.read(envFile).forEach((k, v) -> variables.put(SettingsBinder.key(k), v));
            }
            environment.forEach((k, v) -> variables.put(SettingsBinder.key(k), v));
            return new SettingsBinder(variables, prefix, nestedDelimiter).bind(type);
        }
    }
}
