package io.fasterapi.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One job per file: no source file under {@code src/main} grows past {@value #LIMIT} lines unless it is
 * listed, with the reason it is whole, in {@code long-source-files.txt} beside this test's resources.
 */
class SourceSizeTest {

    static final int LIMIT = 500;

    @Test
    void noMainSourceFileIsOverTheLimitWithoutAStatedReason() throws IOException {
        Path root = repositoryRoot();
        Map<String, String> allowed = allowedLongFiles();
        List<String> tooLong = new ArrayList<>();
        List<Path> sources = mainSources(root);
        assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(100);
        for (Path source : sources) {
            long lines = lineCount(source);
            String relative = root.relativize(source).toString().replace('\\', '/');
            if (lines > LIMIT && !allowed.containsKey(relative)) {
                tooLong.add(relative + " (" + lines + " lines)");
            }
        }
        assertThat(tooLong)
                .as("files over %d lines: split them by job, or state why one is whole in long-source-files.txt", LIMIT)
                .isEmpty();
    }

    @Test
    void everyStatedReasonStillNamesALongFile() throws IOException {
        Path root = repositoryRoot();
        for (var entry : allowedLongFiles().entrySet()) {
            Path file = root.resolve(entry.getKey());
            assertThat(file).as("listed in long-source-files.txt").exists();
            assertThat(lineCount(file)).as("%s is listed as long", entry.getKey()).isGreaterThan(LIMIT);
            assertThat(entry.getValue()).as("the reason for %s", entry.getKey()).isNotBlank();
        }
    }

    private static List<Path> mainSources(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').contains("src/main/"))
                    .filter(p -> !root.relativize(p).startsWith("node_modules"))
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').split("/target/").length == 1)
                    .toList();
        }
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines of {@code path: reason}; {@code #} starts a comment. */
    private static Map<String, String> allowedLongFiles() throws IOException {
        Map<String, String> allowed = new TreeMap<>();
        try (var in = SourceSizeTest.class.getResourceAsStream("/long-source-files.txt")) {
            if (in == null) {
                return allowed;
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int colon = trimmed.indexOf(':');
                allowed.put(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1).strip());
            }
        }
        return allowed;
    }

    /** The module's directory is the working directory of its tests; the repository is its parent. */
    private static Path repositoryRoot() {
        Path module = Path.of("").toAbsolutePath();
        Path root = module.getParent();
        assertThat(root.resolve("fasterapi-core")).as("repository root above %s", module).isDirectory();
        return root;
    }
}
