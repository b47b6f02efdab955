package io.fasterapi.examples.techempower;

import java.util.List;

/** Renders the fortunes test's HTML page, escaping every message (TechEmpower's rule: no raw HTML). */
final class FortunesPage {
    private static final String HEAD = "<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table>"
            + "<tr><th>id</th><th>message</th></tr>";
    private static final String TAIL = "</table></body></html>";

    private FortunesPage() {
    }

    static String render(List<Fortune> fortunes) {
        StringBuilder sb = new StringBuilder(HEAD.length() + TAIL.length() + fortunes.size() * 96);
        sb.append(HEAD);
        for (Fortune f : fortunes) {
            sb.append("<tr><td>").append(f.id()).append("</td><td>");
            escape(f.message(), sb);
            sb.append("</td></tr>");
        }
        return sb.append(TAIL).toString();
    }

    static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
    }
}
