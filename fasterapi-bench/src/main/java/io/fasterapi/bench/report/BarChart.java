package io.fasterapi.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws a grouped bar chart as SVG: one group per test, one bar per implementation, each bar's
 * height its ratio to the first implementation's value in that group's reference (so tests of very
 * different magnitudes share one axis), labelled with the absolute value.
 */
public final class BarChart {
    /** One group of bars: a test and each implementation's value. */
    public record Group(String label, double[] values) {
    }

    private static final String[] COLORS = {"#2e7d32", "#1565c0", "#ef6c00", "#6a1b9a"};

    private BarChart() {
    }

    /**
     * Writes the chart. Bars are scaled within each group to the group's reference implementation
     * ({@code referenceIndex}), whose bar is 1.0x.
     */
    public static void write(Path file, String title, List<String> series, List<Group> groups, int referenceIndex,
            String unit) {
        int barW = 26;
        int gap = 6;
        int groupW = series.size() * (barW + gap) + 30;
        int left = 60;
        int top = 50;
        int plotH = 260;
        int width = left + groups.size() * groupW + 20;
        int height = top + plotH + 90;
        double maxRatio = 1.0;
        for (Group g : groups) {
            for (double v : g.values()) {
                maxRatio = Math.max(maxRatio, v / g.values()[referenceIndex]);
            }
        }
        maxRatio = Math.ceil(maxRatio * 4) / 4;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n", left,
                escape(title)));
        for (int t = 0; t <= 4; t++) {
            double r = maxRatio * t / 4;
            int y = top + plotH - (int) (plotH * t / 4.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", left, y,
                    width - 10, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.2fx</text>%n", left - 6, y + 4, r));
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            Group g = groups.get(gi);
            int gx = left + gi * groupW + 15;
            double ref = g.values()[referenceIndex];
            for (int si = 0; si < series.size(); si++) {
                double v = g.values()[si];
                int h = (int) Math.round(plotH * (v / ref) / maxRatio);
                int x = gx + si * (barW + gap);
                int y = top + plotH - h;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", x, y, barW, h,
                        COLORS[si % COLORS.length]));
                svg.append(String.format(Locale.ROOT,
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\">%s</text>%n", x + barW / 2, y - 3, compact(v)));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    gx + series.size() * (barW + gap) / 2, top + plotH + 16, escape(g.label())));
        }
        int ly = top + plotH + 40;
        for (int si = 0; si < series.size(); si++) {
            int lx = left + si * 170;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", lx, ly,
                    COLORS[si % COLORS.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", lx + 16, ly + 10, escape(series.get(si))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">bar height: ratio to %s; labels: %s</text>%n",
                left, ly + 32, escape(series.get(referenceIndex)), escape(unit)));
        svg.append("</svg>\n");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, svg, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String compact(double v) {
        if (v >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2fM", v / 1_000_000);
        }
        if (v >= 1_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1_000);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
