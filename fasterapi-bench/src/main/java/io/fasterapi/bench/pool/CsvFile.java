package io.fasterapi.bench.pool;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The COPY benchmark's input: a temporary CSV of rows (int, text, numeric, timestamp), generated
 * once from a fixed seed until it reaches the size asked for, deleted on {@link #close()}.
 */
record CsvFile(Path path, long bytes, long rows) implements AutoCloseable {
    static final String COLUMNS = "id int, label text, amount numeric(12,2), at timestamp";
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    /** PostgreSQL's own output format, so that COPY OUT gives back the file byte for byte. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static CsvFile generate(long atLeastBytes) throws IOException {
        Path path = Files.createTempFile("fasterapi-pool-bench-", ".csv");
        SplittableRandom random = new SplittableRandom(42);
        long bytes = 0;
        long rows = 0;
        StringBuilder line = new StringBuilder(96);
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            while (bytes < atLeastBytes) {
                rows++;
                line.setLength(0);
                line.append(rows).append(",item ").append(Long.toHexString(random.nextLong())).append(" \"batch\" ")
                        .append(random.nextInt(1000)).append(',')
                        .append(String.format(Locale.ROOT, "%.2f", random.nextInt(100_000_000) / 100.0)).append(',')
                        .append(TIMESTAMP.format(EPOCH.plusSeconds(random.nextInt(31_536_000)))).append('\n');
                fixQuotes(line);
                out.append(line);
                bytes += line.length();
            }
        }
        return new CsvFile(path, bytes, rows);
    }

    /** CSV wants the quoted text field as {@code "item … ""batch"" …"}: exercises the server's quote handling. */
    private static void fixQuotes(StringBuilder line) {
        int first = line.indexOf(",") + 1;
        int end = line.indexOf(",", first);
        String label = line.substring(first, end).replace("\"", "\"\"");
        line.replace(first, end, "\"" + label + "\"");
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
