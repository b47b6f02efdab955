package io.fasterapi.web.internal.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks passwords in text the framework publishes (the OpenAPI document, metric tags and the
 * Prometheus exposition): the password of a URL's user info ({@code postgres://app:s3cret@db/shop}
 * becomes {@code postgres://app:***@db/shop}) and the value of any key ending in {@code password},
 * {@code pwd}, {@code secret} or {@code token} ({@code password=}, {@code PGPASSWORD=},
 * {@code client_secret=}) in a libpq key/value string, a query string or an environment listing. A DSN that
 * slipped into a default value, a tag or a description is thus shown without its secret.
 * Thread-safe (the patterns are immutable).
 */
public final class SecretRedactor {
    /** What a masked secret is replaced with. */
    public static final String MASK = "***";

    private static final Pattern URL_USER_INFO = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.\\-]*://[^\\s:/?#@\"']*):[^\\s/?#\"']*@"); // to the last '@': "p@ss" is all masked
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)\\b([a-z_]*(?:password|passwd|pwd|secret|token))(\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^\\s&;,\"']*)");

    private SecretRedactor() {
    }

    /** {@code text} with every password masked; {@code text} itself when it holds none (or is null). */
    public static String redact(String text) {
        if (text == null || (text.indexOf('@') < 0 && text.indexOf('=') < 0)) {
            return text; // cheap exit: neither form can be present
        }
        String masked = URL_USER_INFO.matcher(text).replaceAll("$1:" + Matcher.quoteReplacement(MASK) + "@");
        return KEY_VALUE.matcher(masked).replaceAll("$1$2" + Matcher.quoteReplacement(MASK));
    }
}
