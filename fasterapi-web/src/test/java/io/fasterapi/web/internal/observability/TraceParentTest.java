package io.fasterapi.web.internal.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** W3C Trace Context §3.2: what a {@code traceparent} header must look like for its trace id to count. */
class TraceParentTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void readsTheTraceIdOfAValidHeader() {
        assertThat(TraceParent.traceId("00-" + TRACE + "-00f067aa0ba902b7-01")).isEqualTo(TRACE);
        assertThat(TraceParent.traceId("00-" + TRACE + "-00f067aa0ba902b7-00")).isEqualTo(TRACE);
    }

    @Test
    void aLaterVersionMayAppendFields() {
        assertThat(TraceParent.traceId("01-" + TRACE + "-00f067aa0ba902b7-01")).isEqualTo(TRACE);
        assertThat(TraceParent.traceId("cc-" + TRACE + "-00f067aa0ba902b7-01-what-comes-later")).isEqualTo(TRACE);
        assertThat(TraceParent.traceId("cc-" + TRACE + "-00f067aa0ba902b7-01x")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "garbage",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",   // version 00 is exactly 55 characters
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",          // short
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",         // version ff is invalid
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",         // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",         // all-zero parent id
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",         // upper case
            "00-4bf92f3577b34da6a3ce929d0e0e473\"-00f067aa0ba902b7-01",        // not hex
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",         // wrong separator
            "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",         // version not hex
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z",         // flags not hex
    })
    void ignoresAnInvalidHeader(String header) {
        assertThat(TraceParent.traceId(header)).isNull();
    }

    @Test
    void ignoresNoHeader() {
        assertThat(TraceParent.traceId(null)).isNull();
    }
}
