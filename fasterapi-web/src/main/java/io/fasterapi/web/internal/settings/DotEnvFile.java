package io.fasterapi.web.internal.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file as python-dotenv does (what pydantic-settings uses): {@code KEY=value}
 * lines, optional {@code export}, {@code #} comments, single-quoted values literal, double-quoted
 * values with backslash escapes, an unquoted value's trailing {@code " #..."} comment dropped.
 */
public final class DotEnvFile {
    private DotEnvFile() {
    }

    /** The variables of {@code file}, in file order (a later line wins over an earlier one). */
    public static Map<String, String> read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The variables of these lines. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).stripLeading();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue; // python-dotenv ignores a line without a key and a value
            }
            String key = line.substring(0, eq).strip();
            vars.put(key, value(line.substring(eq + 1).strip()));
        }
        return vars;
    }

    private static String value(String v) {
        if (v.length() >= 2 && v.charAt(0) == '\'') {
            int end = v.indexOf('\'', 1);
            return end > 0 ? v.substring(1, end) : v.substring(1);
        }
        if (v.length() >= 2 && v.charAt(0) == '"') {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i + 1 < v.length()) {
                    char n = v.charAt(++i);
                    b.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> n;
                    });
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
        int comment = v.indexOf(" #");
        return (comment >= 0 ? v.substring(0, comment) : v).strip();
    }
}
