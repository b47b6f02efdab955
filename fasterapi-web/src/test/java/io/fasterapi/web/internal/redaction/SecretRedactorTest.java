package io.fasterapi.web.internal.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRedactorTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgres://app:s3cret@db:5432/shop                 | postgres://app:***@db:5432/shop",
        "postgresql://app:s3cret@h1:5432,h2:5432/shop?sslmode=require | postgresql://app:***@h1:5432,h2:5432/shop?sslmode=require",
        "postgres://app:p@ss@db/shop                        | postgres://app:***@db/shop",
        "pool postgres://a:x@h/d and redis://:tok@cache:6379 | pool postgres://a:***@h/d and redis://:***@cache:6379",
        "host=db user=app password=s3cret dbname=shop       | host=db user=app password=*** dbname=shop",
        "postgres://db/shop?user=app&password=s3cret&sslmode=require | postgres://db/shop?user=app&password=***&sslmode=require",
        "PGPASSWORD=s3cret client_secret = abc               | PGPASSWORD=*** client_secret = ***",
        "dsn=\"postgres://app:s3cret@db/shop\",pool=\"main\" | dsn=\"postgres://app:***@db/shop\",pool=\"main\"",
    })
    void masksPasswords(String text, String expected) {
        assertThat(SecretRedactor.redact(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "postgres://app@db:5432/shop",
        "mailto:bob@example.com",
        "/items/{itemId}",
        "limit=50&q=abc",
        "http_server_requests_seconds_count{method=\"GET\",route=\"/items/{itemId}\",status=\"200\"} 2",
    })
    void leavesTextWithoutSecretsAlone(String text) {
        assertThat(SecretRedactor.redact(text)).isEqualTo(text);
    }

    @Test
    void masksAQuotedLibpqValueWithSpacesAndEscapedQuotes() {
        assertThat(SecretRedactor.redact("host=db password='s3 cr\\'et' dbname=shop"))
                .isEqualTo("host=db password=*** dbname=shop");
    }

    @Test
    void nullStaysNull() {
        assertThat(SecretRedactor.redact(null)).isNull();
    }
}
