package io.fasterapi.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one benchmark's section into {@code docs/benchmarks.md}, replacing the text between its
 * markers ({@code <!-- name:start -->} and {@code <!-- name:end -->}) so each benchmark owns its
 * section and re-running one leaves the others as they were.
 */
public final class BenchmarkDoc {
    private BenchmarkDoc() {
    }

    /** The docs file: {@code -Dfasterapi.bench.doc=...}, else {@code docs/benchmarks.md} of the repository. */
    public static Path docPath() {
        String p = System.getProperty("fasterapi.bench.doc");
        if (p != null) {
            return Path.of(p);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        return (dir != null ? dir : Path.of("").toAbsolutePath()).resolve("docs/benchmarks.md");
    }

    public static void writeSection(String name, String markdown) {
        Path doc = docPath();
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        try {
            String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8)
                    : "# Benchmarks\n\nEvery table here was written by the benchmark that measured it (module `fasterapi-bench`).\n";
            String block = start + "\n" + markdown.strip() + "\n" + end;
            int s = text.indexOf(start);
            int e = text.indexOf(end);
            if (s >= 0 && e > s) {
                text = text.substring(0, s) + block + text.substring(e + end.length());
            } else {
                text = text.stripTrailing() + "\n\n" + block + "\n";
            }
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, text, StandardCharsets.UTF_8);
            System.out.println("wrote section '" + name + "' of " + doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
