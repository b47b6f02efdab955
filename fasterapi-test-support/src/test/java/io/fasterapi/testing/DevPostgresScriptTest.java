package io.fasterapi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * scripts/dev-postgres.sh as a new machine sees it: run in a fresh network namespace, where nothing
 * answers on 5432, it must create and start a cluster of its own, print a DSN that works, and be
 * quick and idempotent the second time. Needs root (for the namespace), as CI and these machines are.
 */
class DevPostgresScriptTest {

    @Test
    void startsItsOwnClusterWhenNoServerAnswersAndIsIdempotent() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to make a network namespace");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "needs unshare");
        Path script = repoRoot().resolve("scripts/dev-postgres.sh");
        Path home = Files.createTempDirectory("fasterapi-pg-home");
        String bin = "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)";
        String inNamespace = String.join("; ",
                "set -e",
                "ip link set lo up",
                "chown postgres " + home,
                "unset FASTERAPI_PG_URL",
                "export FASTERAPI_PG_HOME=" + home,
                "a=$(bash " + script + ")",
                "s=$(date +%s%N)",
                "b=$(bash " + script + ")",
                "e=$(date +%s%N)",
                "echo \"first=$a\"",
                "echo \"second=$b\"",
                "echo \"secondMillis=$(( (e - s) / 1000000 ))\"",
                "echo \"answer=$(" + bin + "/psql -X -At \"$a\" -c 'select 40+2')\"",
                "runuser -u postgres -- " + bin + "/pg_ctl -D " + home + "/data -m immediate -w stop >/dev/null");
        Process p = new ProcessBuilder("unshare", "-n", "bash", "-c", inNamespace).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).as(out).contains("first=postgresql://postgres@127.0.0.1:5432/postgres",
                "second=postgresql://postgres@127.0.0.1:5432/postgres", "answer=42");
        long second = Long.parseLong(lines.stream().filter(l -> l.startsWith("secondMillis=")).findFirst().orElseThrow()
                .substring("secondMillis=".length()));
        assertThat(second).as("second call should find the running server quickly").isLessThan(5000);
        deleteTree(home);
    }

    @Test
    void takesFasterapiPgUrlAsIs() throws Exception {
        Path script = repoRoot().resolve("scripts/dev-postgres.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
        pb.environment().put("FASTERAPI_PG_URL", "postgresql://someone@db.example:6543/app");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("postgresql://someone@db.example:6543/app");
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("scripts/dev-postgres.sh"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    private static void deleteTree(Path root) throws IOException {
        new ProcessBuilder("rm", "-rf", root.toString()).start();
    }
}
