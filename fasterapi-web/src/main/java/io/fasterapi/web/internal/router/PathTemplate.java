package io.fasterapi.web.internal.router;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed path template: literal segments, {@code {name}} segments (one segment) and a final
 * {@code {name:path}} segment (the rest of the path, slashes included). Parsed once at startup.
 */
public final class PathTemplate {
    /** One segment of a template. */
    public sealed interface Segment permits Literal, Variable, Rest {
    }

    /** A segment matched exactly. */
    public record Literal(String text) implements Segment {
    }

    /** A segment captured into variable {@code name}. */
    public record Variable(String name) implements Segment {
    }

    /** The rest of the path captured into {@code name}. */
    public record Rest(String name) implements Segment {
    }

    private final String text;
    private final List<Segment> segments;
    private final List<String> variables;

    private PathTemplate(String text, List<Segment> segments, List<String> variables) {
        this.text = text;
        this.segments = segments;
        this.variables = variables;
    }

    /** Parses {@code template}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/': " + template);
        }
        List<Segment> segments = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        String[] parts = template.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.isEmpty() && i == parts.length - 1 && parts.length > 1) {
                segments.add(new Literal("")); // trailing slash is significant, as in Starlette
                continue;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                String inner = p.substring(1, p.length() - 1);
                boolean rest = inner.endsWith(":path");
                String name = rest ? inner.substring(0, inner.length() - 5) : inner;
                if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                    throw new IllegalArgumentException("bad variable '" + inner + "' in path template " + template);
                }
                if (variables.contains(name)) {
                    throw new IllegalArgumentException("variable '" + name + "' twice in path template " + template);
                }
                variables.add(name);
                if (rest) {
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException("{" + inner + "} must be the last segment of " + template);
                    }
                    segments.add(new Rest(name));
                } else {
                    segments.add(new Variable(name));
                }
            } else if (p.contains("{") || p.contains("}")) {
                throw new IllegalArgumentException("a variable must be a whole segment in path template " + template);
            } else {
                segments.add(new Literal(p));
            }
        }
        return new PathTemplate(template, List.copyOf(segments), List.copyOf(variables));
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    /** The segments, in order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The variable names, in order of appearance: the order of captured values in a match. */
    public List<String> variables() {
        return variables;
    }

    @Override
    public String toString() {
        return text;
    }
}
