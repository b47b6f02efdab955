package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An app whose answers are plain (records of strings, numbers and lists, the framework's error bodies) starts
 * and answers without loading Jackson databind (~570 classes: a shorter start and a smaller AOT cache), and
 * its answers are FastAPI's, byte for byte; databind is loaded when something needs it (here the OpenAPI
 * document). In a JVM of its own: the test JVM has databind loaded long before.
 */
class PlainAnswersTest {

    @Test
    void plainAnswersNeverLoadDatabind() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(List.of(java, "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", classpath, PlainAnswersMain.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as(out).contains(String.join("\n",
                "200 {\"id\":3,\"name\":\"x\",\"price\":0.75,\"tags\":[\"a\",\"x\"]}",
                "200 [{\"id\":1,\"name\":\"one\",\"price\":null,\"tags\":[]},{\"id\":2,\"name\":\"two\",\"price\":2.5,\"tags\":[\"b\"]}]",
                "200 {\"message\":\"Hello, World!\"}",
                "404 {\"detail\":\"Item not found\"}",
                "404 {\"detail\":\"Not Found\"}",
                "422 {\"detail\":[{\"type\":\"int_parsing\",\"loc\":[\"path\",\"id\"],"
                        + "\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"abc\"}]}",
                "databind-loaded=false",
                "openapi 200",
                "databind-loaded=true"));
    }
}
