package io.fasterapi.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM started without {@code --add-opens java.base/java.lang=ALL-UNNAMED} cannot give virtual
 * threads a scheduler: reactors fall back to the JDK's, say so in one log line per JVM, and blocking
 * code still runs. Each case is a child JVM running {@link Main}.
 */
class VirtualThreadsFallbackTest {

    /** Builds two reactors, runs a blocking await on a shard's virtual thread, prints what it saw. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            for (int i = 0; i < 2; i++) {
                try (Reactor r = Reactor.builder().threads(1).build()) {
                    Shard s = r.shard(0);
                    String[] got = new String[1];
                    s.startVirtualThread(() -> got[0] = s.submit(() -> "answer").await()).join(10_000);
                    System.out.println("mode=" + r.virtualThreads() + " got=" + got[0]);
                }
            }
        }
    }

    private record Run(int exit, List<String> out, List<String> err) {
    }

    private static Run runChild(String... jvmArgs) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList(),
                new String(err, StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void withoutTheOpenedPackageReactorsFallBackWithOneLogLineAndBlockingCodeStillRuns() throws Exception {
        Run run = runChild();
        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).containsExactly("mode=JDK got=answer", "mode=JDK got=answer");
        List<String> warnings = run.err().stream().filter(l -> l.contains("--add-opens java.base/java.lang=ALL-UNNAMED"))
                .toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("WARN").contains("JDK's scheduler").contains("fasterapi.virtualThreads=jdk");
    }

    @Test
    void choosingTheJdkSchedulerByPropertyIsQuiet() throws Exception {
        Run run = runChild("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dfasterapi.virtualThreads=jdk");
        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).containsExactly("mode=JDK got=answer", "mode=JDK got=answer");
        assertThat(run.err()).noneMatch(l -> l.contains("add-opens"));
    }

    @Test
    void withTheOpenedPackageTheDefaultIsTheLoop() throws Exception {
        Run run = runChild("--add-opens", "java.base/java.lang=ALL-UNNAMED");
        assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).containsExactly("mode=LOOP got=answer", "mode=LOOP got=answer");
        assertThat(run.err()).noneMatch(l -> l.contains("add-opens"));
    }
}
