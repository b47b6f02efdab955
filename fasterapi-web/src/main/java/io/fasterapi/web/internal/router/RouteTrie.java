package io.fasterapi.web.internal.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Path templates compiled into a trie: per segment, literal children first, then a variable child,
 * then a rest-of-path child, with backtracking. Built once at startup, then read-only, so lookups
 * from every event loop need no lock.
 *
 * @param <T> what a (path, method) leads to
 */
public final class RouteTrie<T> {
    private static final class Node<T> {
        final Map<String, Node<T>> literals = new HashMap<>();
        Node<T> variable;
        Node<T> rest;
        final Map<String, T> byMethod = new LinkedHashMap<>();
        String allow; // the Allow header for this node, computed by freeze()
    }

    /** The outcome of a lookup. {@code value} is null when the path matched but not the method. */
    public record Match<T>(T value, String[] variables, String allow) {
    }

    private static final String[] NO_VARIABLES = {};

    private final Node<T> root = new Node<>();
    // Templates of literal segments only, by their whole path: found without a substring per segment
    // (the router's substrings and values array showed in the allocation profile).
    private final Map<String, Node<T>> literalPaths = new HashMap<>();
    private int maxVariables;

    /** Adds {@code value} for {@code method} at {@code template}; a duplicate route throws. */
    public void add(PathTemplate template, String method, T value) {
        Node<T> n = root;
        for (PathTemplate.Segment s : template.segments()) {
            // instanceof, not a pattern switch, which generates a class at startup
            if (s instanceof PathTemplate.Literal l) {
                n = n.literals.computeIfAbsent(l.text(), k -> new Node<>());
            } else if (s instanceof PathTemplate.Variable) {
                n = n.variable != null ? n.variable : (n.variable = new Node<>());
            } else {
                n = n.rest != null ? n.rest : (n.rest = new Node<>());
            }
        }
        if (n.byMethod.putIfAbsent(method, value) != null) {
            throw new IllegalArgumentException("duplicate route: " + method + " " + template);
        }
        if (template.variables().isEmpty() && template.segments().stream().allMatch(s -> s instanceof PathTemplate.Literal)) {
            StringBuilder path = new StringBuilder();
            for (PathTemplate.Segment s : template.segments()) {
                path.append('/').append(((PathTemplate.Literal) s).text());
            }
            literalPaths.put(path.isEmpty() ? "/" : path.toString(), n);
        }
        maxVariables = Math.max(maxVariables, template.variables().size());
        n.allow = allowHeader(n.byMethod.keySet());
    }

    private static String allowHeader(Iterable<String> methods) {
        List<String> list = new ArrayList<>();
        for (String m : methods) {
            list.add(m);
        }
        if (list.contains("GET") && !list.contains("HEAD")) {
            list.add("HEAD");
        }
        return String.join(", ", list);
    }

    /**
     * Finds the route for a decoded {@code path} and {@code method}; null when no template matches
     * the path. Any thread.
     */
    public Match<T> find(String method, String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        Node<T> literal = literalPaths.get(path);
        if (literal != null) {
            return match(literal, method, NO_VARIABLES);
        }
        String[] values = maxVariables == 0 ? NO_VARIABLES : new String[maxVariables];
        Node<T> found = walk(root, path, 1, values, 0);
        if (found == null) {
            return null;
        }
        return match(found, method, values);
    }

    private static <T> Match<T> match(Node<T> found, String method, String[] values) {
        T value = found.byMethod.get(method);
        if (value == null && "HEAD".equals(method)) {
            value = found.byMethod.get("GET");
        }
        return new Match<>(value, values, found.allow);
    }

    private Node<T> walk(Node<T> n, String path, int pos, String[] values, int depth) {
        if (pos > path.length()) {
            return n.byMethod.isEmpty() ? null : n;
        }
        int end = path.indexOf('/', pos);
        if (end < 0) {
            end = path.length();
        }
        String segment = path.substring(pos, end);
        Node<T> literal = n.literals.get(segment);
        if (literal != null) {
            Node<T> r = walk(literal, path, end + 1, values, depth);
            if (r != null) {
                return r;
            }
        }
        if (n.variable != null && !segment.isEmpty()) {
            values[depth] = segment;
            Node<T> r = walk(n.variable, path, end + 1, values, depth + 1);
            if (r != null) {
                return r;
            }
        }
        if (n.rest != null && !n.rest.byMethod.isEmpty()) {
            values[depth] = path.substring(pos);
            return n.rest;
        }
        return null;
    }
}
