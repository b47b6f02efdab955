package io.fasterapi.web.internal.openapi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A webjar on the class path ({@code org.webjars:<artifact>}): where its files lie, and reading one
 * by its fixed name. What the Swagger UI and ReDoc pages share, with the escaping of their HTML.
 */
final class Webjar {
    private Webjar() {
    }

    /** {@code META-INF/resources/webjars/<artifact>/<version>/}, or null when the jar is missing. */
    static String root(String artifact) {
        String pom = "META-INF/maven/org.webjars/" + artifact + "/pom.properties";
        try (InputStream in = Webjar.class.getClassLoader().getResourceAsStream(pom)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return "META-INF/resources/webjars/" + artifact + "/" + p.getProperty("version") + "/";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }

    /** The bytes of {@code path}; {@code what} names the jar in the error when the file is missing. */
    static byte[] read(String path, String what) {
        try (InputStream in = Webjar.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(what + " file missing from the webjar: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code s} safe inside HTML text and attribute values. */
    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
