package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    enum Mode { DEV, PROD }

    public record Db(@DefaultValue("localhost") String host, @DefaultValue("5432") @Min(1) @Max(65535) int port) {}

    public record AppSettings(@NotBlank String databaseUrl,
                              @DefaultValue("8000") @Min(1) @Max(65535) int port,
                              Secret jwtSecret,
                              Optional<String> sentryDsn,
                              @DefaultValue("[]") List<String> corsOrigins,
                              @DefaultValue("DEV") Mode mode,
                              @DefaultValue("PT30S") Duration requestTimeout,
                              @DefaultValue("false") boolean debug,
                              Db db) {}

    public record Minimal(String name) {}

    public record WithUri(URI endpoint, Path dataDir, Set<Integer> ports) {}

    public record Unsupported(Thread thread) {}

    private static final Map<String, String> REQUIRED = Map.of(
            "DATABASE_URL", "postgres://app@db/app", "JWT_SECRET", "s3cr3t-value");

    @Test
    void bindsEveryComponentFromItsUpperSnakeCaseVariableWithDefaults() {
        AppSettings s = Settings.loader(AppSettings.class).noEnvFile().environment(REQUIRED).load();

        assertThat(s.databaseUrl()).isEqualTo("postgres://app@db/app");
        assertThat(s.port()).isEqualTo(8000);
        assertThat(s.jwtSecret().reveal()).isEqualTo("s3cr3t-value");
        assertThat(s.sentryDsn()).isEmpty();
        assertThat(s.corsOrigins()).isEmpty();
        assertThat(s.mode()).isEqualTo(Mode.DEV);
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.debug()).isFalse();
        assertThat(s.db()).isEqualTo(new Db("localhost", 5432));
    }

    @Test
    void readsNestedRecordsListsOptionalsAndNamesCaseInsensitively() {
        Map<String, String> env = Map.of(
                "database_url", "postgres://x", "Jwt_Secret", "k", "SENTRY_DSN", "https://sentry",
                "CORS_ORIGINS", "[\"https://a.example\", \"https://b.example\"]", "MODE", "PROD",
                "DEBUG", "yes", "DB__HOST", "pg.internal", "db__port", "6432");

        AppSettings s = Settings.loader(AppSettings.class).noEnvFile().environment(env).load();

        assertThat(s.databaseUrl()).isEqualTo("postgres://x");
        assertThat(s.sentryDsn()).contains("https://sentry");
        assertThat(s.corsOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(s.mode()).isEqualTo(Mode.PROD);
        assertThat(s.debug()).isTrue();
        assertThat(s.db()).isEqualTo(new Db("pg.internal", 6432));
    }

    @Test
    void aCommaSeparatedListAndOtherTypes() {
        WithUri s = Settings.loader(WithUri.class).noEnvFile()
                .environment(Map.of("ENDPOINT", "https://api.example/v1", "DATA_DIR", "/var/lib/app", "PORTS", "80, 443,80"))
                .load();

        assertThat(s.endpoint()).isEqualTo(URI.create("https://api.example/v1"));
        assertThat(s.dataDir()).isEqualTo(Path.of("/var/lib/app"));
        assertThat(s.ports()).containsExactlyInAnyOrder(80, 443);
    }

    @Test
    void aPrefixAppliesToEveryNameNestedOnesToo() {
        Map<String, String> env = Map.of("APP_DATABASE_URL", "postgres://p", "APP_JWT_SECRET", "k",
                "APP_DB__PORT", "7000", "DATABASE_URL", "ignored without the prefix");

        AppSettings s = Settings.loader(AppSettings.class).prefix("APP_").noEnvFile().environment(env).load();

        assertThat(s.databaseUrl()).isEqualTo("postgres://p");
        assertThat(s.db().port()).isEqualTo(7000);
    }

    @Test
    void theEnvFileFillsWhatTheEnvironmentLeavesOutAndLosesToIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, """
                # the app's settings
                export DATABASE_URL=postgres://from-file
                JWT_SECRET='single $quoted # literal'
                SENTRY_DSN="line1\\nline2"   # a comment after a quoted value
                MODE=PROD # a comment after an unquoted value
                PORT=9000
                not a variable line
                """);

        AppSettings s = Settings.loader(AppSettings.class).envFile(file)
                .environment(Map.of("PORT", "9100")).load();

        assertThat(s.databaseUrl()).isEqualTo("postgres://from-file");
        assertThat(s.jwtSecret().reveal()).isEqualTo("single $quoted # literal");
        assertThat(s.sentryDsn()).contains("line1\nline2");
        assertThat(s.mode()).isEqualTo(Mode.PROD);
        assertThat(s.port()).isEqualTo(9100);
    }

    @Test
    void aMissingEnvFileIsNoError(@TempDir Path dir) {
        Minimal s = Settings.loader(Minimal.class).envFile(dir.resolve("absent.env"))
                .environment(Map.of("NAME", "n")).load();

        assertThat(s.name()).isEqualTo("n");
    }

    @Test
    void oneExceptionNamesEveryBadVariableAndNoValue() {
        Map<String, String> env = Map.of("DATABASE_URL", " ", "PORT", "eighty", "JWT_SECRET", "hunter2-secret",
                "MODE", "STAGING", "DB__PORT", "70000", "REQUEST_TIMEOUT", "soon");

        assertThatThrownBy(() -> Settings.loader(AppSettings.class).noEnvFile().environment(env).load())
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.problems()).extracting(SettingsException.Problem::variable)
                            .containsExactlyInAnyOrder("PORT", "MODE", "REQUEST_TIMEOUT", "DB__PORT");
                    assertThat(e.getMessage())
                            .startsWith("4 invalid settings for AppSettings:")
                            .contains("PORT: Input should be a valid integer")
                            .contains("DB__PORT: Input should be less than or equal to 65535")
                            .doesNotContain("eighty", "STAGING", "soon", "hunter2", "70000 ");
                });
    }

    @Test
    void constraintsAreCheckedOnceConversionSucceeds() {
        Map<String, String> env = Map.of("DATABASE_URL", "  ", "JWT_SECRET", "k");

        assertThatThrownBy(() -> Settings.loader(AppSettings.class).noEnvFile().environment(env).load())
                .isInstanceOfSatisfying(SettingsException.class, e ->
                        assertThat(e.problems()).containsExactly(
                                new SettingsException.Problem("DATABASE_URL", "String should have at least 1 character")));
    }

    @Test
    void requiredVariablesAreNamedWhenMissing() {
        assertThatThrownBy(() -> Settings.loader(AppSettings.class).noEnvFile().environment(Map.of()).load())
                .isInstanceOfSatisfying(SettingsException.class, e ->
                        assertThat(e.problems()).containsExactly(
                                new SettingsException.Problem("DATABASE_URL", "Field required"),
                                new SettingsException.Problem("JWT_SECRET", "Field required")));
    }

    @Test
    void aSecretIsNeverPrintedWithItsRecord() {
        AppSettings s = Settings.loader(AppSettings.class).noEnvFile().environment(REQUIRED).load();

        assertThat(s.toString()).contains("jwtSecret=" + Secret.MASK).doesNotContain("s3cr3t-value");
        assertThat(Secret.of("a")).isEqualTo(Secret.of("a")).isNotEqualTo(Secret.of("b"));
    }

    @Test
    void aTypeSettingsCannotHoldIsRefusedWithTheFix() {
        assertThatThrownBy(() -> Settings.loader(Unsupported.class).noEnvFile().environment(Map.of("THREAD", "x")).load())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Thread").hasMessageContaining("nested record");
    }
}
