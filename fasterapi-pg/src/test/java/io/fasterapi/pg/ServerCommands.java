package io.fasterapi.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the programs of a private PostgreSQL server for the test clusters ({@link ThrowawayCluster},
 * {@link ReplicatedCluster}): as ourselves, or, when we are root (PostgreSQL refuses to run as root), as
 * user postgres through runuser, or as nobody where there is no postgres user.
 *
 * @param serverUser the OS user the server runs as through runuser, or null to run it as ourselves
 */
record ServerCommands(String serverUser) {

    /** For this process: postgres or nobody when we are root, else ourselves. */
    static ServerCommands forThisUser() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return new ServerCommands(null);
        }
        Process id = new ProcessBuilder("id", "-u", "postgres").redirectErrorStream(true).start();
        id.getInputStream().readAllBytes();
        return new ServerCommands(id.waitFor() == 0 ? "postgres" : "nobody");
    }

    /** Fails naming what is missing when the server's user cannot run {@code program}. */
    void checkCanRun(Path program) throws IOException, InterruptedException {
        if (serverUser == null) {
            return;
        }
        try {
            run(true, program.toString(), "--version");
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("PostgreSQL must run as user " + serverUser + " (we are root), which cannot"
                    + " run " + program + " through runuser: every directory above it must be searchable by others"
                    + " (chmod o+x) and runuser installed", e);
        }
    }

    /** Gives {@code dir} (recursively) to the server's user, when it is not us. */
    void chown(Path dir) throws IOException, InterruptedException {
        if (serverUser != null) {
            run(false, "chown", "-R", serverUser + ":", dir.toString());
        }
    }

    /** Runs {@code cmd} (as the server's user when asked), waiting up to 60 s; returns its output, fails with it. */
    String run(boolean asServerUser, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServerUser && serverUser != null) {
            full.addAll(List.of("runuser", "-u", serverUser, "--"));
        }
        full.addAll(List.of(cmd));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed:\n" + out);
        }
        return out;
    }
}
