package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * fasterapi-pg is an optional dependency: the web module, loaded in a class loader whose class path
 * lacks it, serves requests and answers failures (the PgException mapping must not load a driver class).
 */
class WithoutPgOnClassPathTest {

    @Test
    void servesAndAnswersErrorsWithoutTheDriver() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithoutPg(), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("io.fasterapi.pg.PgException", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> appType = loader.loadClass("io.fasterapi.web.App");
            Class<?> handlerType = loader.loadClass("io.fasterapi.web.Handler");
            Object app = appType.getMethod("create").invoke(null);
            Method get = appType.getMethod("get", String.class, handlerType);
            get.invoke(app, "/ok", handler(loader, handlerType, () -> Map.of("ok", true)));
            get.invoke(app, "/boom", handler(loader, handlerType, () -> {
                throw new IllegalStateException("not a database error");
            }));
            Class<?> serverType = loader.loadClass("io.fasterapi.web.Server");
            Object server = appType.getMethod("start", int.class).invoke(app, 0);
            try (HttpClient http = HttpClient.newHttpClient()) {
                int port = (int) serverType.getMethod("port").invoke(server);
                HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ok"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.body()).isEqualTo("{\"ok\":true}");
                HttpResponse<String> boom = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/boom")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(boom.statusCode()).isEqualTo(500);
                assertThat(boom.body()).isEqualTo("{\"detail\":\"Internal Server Error\"}");
            } finally {
                serverType.getMethod("stop", Duration.class).invoke(server, Duration.ofSeconds(5));
            }
        }
    }

    @FunctionalInterface
    interface Body {
        Object get() throws Exception;
    }

    private static Object handler(ClassLoader loader, Class<?> type, Body body) {
        return Proxy.newProxyInstance(loader, new Class<?>[] {type}, (proxy, m, args) -> switch (m.getName()) {
            case "handle" -> body.get();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> "handler";
        });
    }

    // The module's main classes and their dependencies, minus fasterapi-pg and the test classes (which use it).
    private static URL[] classPathWithoutPg() throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            if (entry.isEmpty() || entry.contains("fasterapi-pg") || entry.endsWith("test-classes")) {
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        assertThat(urls).anyMatch(u -> u.getPath().endsWith("/classes/"));
        return urls.toArray(new URL[0]);
    }
}
