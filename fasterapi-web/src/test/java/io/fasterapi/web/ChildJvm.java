package io.fasterapi.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test's main class in a JVM of its own, on the test class path with the flags the tests run with:
 * for what happens once per process (a class loaded or initialised, a warm-up), which this JVM did long ago.
 */
record ChildJvm(int exitValue, String output) {

    /** Runs {@code main} with {@code args} to its end (at most a minute); its exit value and its output, stderr included. */
    static ChildJvm run(Class<?> main, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new java.util.ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", classpath, main.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(main.getSimpleName() + " did not end within a minute: " + out);
        }
        return new ChildJvm(p.exitValue(), out);
    }
}
