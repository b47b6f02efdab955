package io.fasterapi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** scripts/openapi-lint.sh through {@link OpenApiLint}: it passes a valid document and fails a broken one. */
class OpenApiLintTest {
    private static final String VALID = """
            {"openapi":"3.1.0","info":{"title":"T","version":"1"},
             "paths":{"/items/{id}":{"get":{"operationId":"readItem","summary":"Read Item",
               "parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"integer"}}],
               "responses":{"200":{"description":"Successful Response",
                 "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Item"}}}}}}}},
             "components":{"schemas":{"Item":{"type":"object","properties":{"id":{"type":"integer"}}}}}}""";

    @Test
    void passesAValidDocument() {
        OpenApiLint.assertValid(VALID, Path.of("target/openapi/lint-valid.json"));
    }

    @Test
    void failsADocumentWithADanglingReference() {
        String broken = VALID.replace("\"Item\":{", "\"Other\":{");
        Throwable thrown = catchThrowable(
                () -> OpenApiLint.assertValid(broken, Path.of("target/openapi/lint-broken.json")));
        if (thrown instanceof TestAbortedException noNpm) {
            throw noNpm;
        }
        assertThat(thrown).isInstanceOf(AssertionFailedError.class).hasMessageContaining("no-unresolved-refs")
                .hasMessageContaining("Missing $ref pointer");
    }
}
