package io.fasterapi.web.internal.server;

/** Reads {@code Accept-Encoding} (RFC 9110 §12.5.3) for the one coding FasterAPI sends: gzip. */
final class AcceptEncoding {
    private AcceptEncoding() {
    }

    /** Whether {@code header} accepts gzip ({@code gzip} or {@code *} with a q-value above 0). */
    static boolean acceptsGzip(String header) {
        if (header == null || header.isEmpty()) {
            return false;
        }
        for (String item : header.split(",")) {
            int semi = item.indexOf(';');
            String coding = (semi < 0 ? item : item.substring(0, semi)).trim();
            if (coding.equalsIgnoreCase("gzip") || coding.equals("*")) {
                return semi < 0 || !zeroQuality(item.substring(semi + 1));
            }
        }
        return false;
    }

    private static boolean zeroQuality(String params) {
        for (String p : params.split(";")) {
            String t = p.trim();
            if (t.startsWith("q=") || t.startsWith("Q=")) {
                try {
                    return Double.parseDouble(t.substring(2).trim()) <= 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
