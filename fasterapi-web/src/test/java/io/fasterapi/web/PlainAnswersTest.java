package io.fasterapi.web;

import static org.assertj.core.api.Assertions.assertThat;

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
        ChildJvm child = ChildJvm.run(PlainAnswersMain.class);
        String out = child.output();
        assertThat(child.exitValue()).as(out).isZero();
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
