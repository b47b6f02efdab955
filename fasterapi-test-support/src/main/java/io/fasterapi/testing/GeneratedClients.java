package io.fasterapi.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Checks that clients generated from an app's OpenAPI document work, by running
 * {@code scripts/openapi-clients.sh}: OpenAPI Generator writes a {@code typescript-fetch} or
 * {@code java} client, it is compiled (TypeScript with {@code --strict}) together with a driver the
 * test supplies ({@code calls.ts}, {@code Calls.java}), and the driver calls every route of the
 * running server through it. The test fails with the tools' output when a step fails, and is aborted
 * (reported as skipped, with the reason) where node/npm are missing for the TypeScript client.
 */
public final class GeneratedClients {
    private static final int SKIPPED = 3; // the script's exit status when it cannot run its tools

    /** The client a generator writes. */
    public enum Kind {
        /** OpenAPI Generator's {@code typescript-fetch}, compiled by {@code tsc --strict}, run by node. */
        TYPESCRIPT,
        /** OpenAPI Generator's {@code java} (library {@code native}), compiled by javac. */
        JAVA
    }

    private GeneratedClients() {
    }

    /**
     * Generates the {@code kind} client of {@code document} into {@code work}, compiles it with the
     * driver in {@code drivers} and runs the driver against {@code baseUrl}; {@code lib} holds
     * {@code openapi-generator-cli.jar} and the Java client's libraries. Takes tens of seconds.
     */
    public static void assertEveryRouteAnswers(Kind kind, Path document, String baseUrl, Path drivers, Path work,
                                               Path lib) {
        try {
            Path script = OpenApiLint.repositoryRoot().resolve("scripts/openapi-clients.sh");
            Files.createDirectories(work);
            Path log = work.resolve(kind.name().toLowerCase(java.util.Locale.ROOT) + ".log");
            ProcessBuilder builder = new ProcessBuilder("bash", script.toString(),
                    kind.name().toLowerCase(java.util.Locale.ROOT), document.toAbsolutePath().toString(), baseUrl,
                    drivers.toAbsolutePath().toString(), work.toAbsolutePath().toString(),
                    lib.toAbsolutePath().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home")); // the JDK running the tests
            Process p = builder.start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("scripts/openapi-clients.sh did not finish within 10 minutes");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() == SKIPPED) {
                abort("generated " + kind + " client not checked: " + output.strip());
            }
            if (p.exitValue() != 0) {
                fail("the generated " + kind + " client failed (scripts/openapi-clients.sh):\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run scripts/openapi-clients.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the generated " + kind + " client", e);
        }
    }
}
