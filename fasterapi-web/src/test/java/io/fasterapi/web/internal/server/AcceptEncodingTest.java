package io.fasterapi.web.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "gzip|true", "GZIP|true", "deflate, gzip|true", "gzip;q=0.5|true", "*|true", "br;q=1, *;q=0.1|true",
            "gzip;q=0|false", "gzip; q=0.0|false", "deflate|false", "identity|false", "''|false", "null|false",
            "gzipper|false"})
    void acceptsGzipOnlyWhenOfferedWithAPositiveQuality(String header, boolean accepted) {
        assertThat(AcceptEncoding.acceptsGzip(header)).isEqualTo(accepted);
    }
}
