package io.fasterapi.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Validates an OpenAPI document with the tools clients' tool chains use, by running
 * {@code scripts/openapi-lint.sh}: {@code @redocly/cli lint --extends=spec} and
 * {@code @apidevtools/swagger-parser} (npm packages, installed once into a cache). A test calling
 * {@link #assertValid} fails with the validators' output when the document is not valid, and is
 * aborted (reported as skipped, with the reason) where node/npm are missing.
 */
public final class OpenApiLint {
    private static final int SKIPPED = 3; // the script's exit status when it cannot run the validators

    private OpenApiLint() {
    }

    /** Writes {@code document} to {@code file} and validates it; runs the validators' processes (seconds). */
    public static void assertValid(String document, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, document, StandardCharsets.UTF_8);
            Path script = repositoryRoot().resolve("scripts/openapi-lint.sh");
            Path log = Files.createTempFile("openapi-lint", ".log");
            try {
                Process p = new ProcessBuilder("bash", script.toString(), file.toAbsolutePath().toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    fail("scripts/openapi-lint.sh did not finish within 5 minutes");
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (p.exitValue() == SKIPPED) {
                    abort("OpenAPI document not validated with redocly and swagger-parser: " + output.strip());
                }
                if (p.exitValue() != 0) {
                    fail(file + " is not valid OpenAPI per scripts/openapi-lint.sh:\n" + output);
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/openapi-lint.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating " + file, e);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("scripts/openapi-lint.sh"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run the tests inside the repository, so scripts/openapi-lint.sh can be found");
    }
}
