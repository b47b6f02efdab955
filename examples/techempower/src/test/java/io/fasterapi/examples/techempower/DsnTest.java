package io.fasterapi.examples.techempower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DsnTest {
    @Test
    void replacesTheDatabaseOfAUrlKeepingUserPasswordHostAndOptions() {
        assertThat(Dsn.withDatabase("postgresql://postgres@127.0.0.1:5432/postgres", "hello_world"))
                .isEqualTo("postgresql://postgres@127.0.0.1:5432/hello_world");
        assertThat(Dsn.withDatabase("postgres://u:p%2Fq@h1:5432,h2/db?sslmode=require&application_name=x", "t_1"))
                .isEqualTo("postgres://u:p%2Fq@h1:5432,h2/t_1?sslmode=require&application_name=x");
    }

    @Test
    void addsADatabaseToAUrlWithoutOne() {
        assertThat(Dsn.withDatabase("postgresql://u@h", "hello_world")).isEqualTo("postgresql://u@h/hello_world");
        assertThat(Dsn.withDatabase("postgresql://u@h/", "hello_world")).isEqualTo("postgresql://u@h/hello_world");
        assertThat(Dsn.withDatabase("postgresql://u@h?sslmode=disable", "hello_world"))
                .isEqualTo("postgresql://u@h/hello_world?sslmode=disable");
    }

    @Test
    void appendsDbnameToAKeyValueString() {
        assertThat(Dsn.withDatabase("host=h user=u dbname=postgres", "hello_world"))
                .isEqualTo("host=h user=u dbname=postgres dbname=hello_world");
    }

    @Test
    void refusesADatabaseNameThatIsNotAPlainIdentifier() {
        assertThatThrownBy(() -> Dsn.withDatabase("postgresql://u@h/db", "x; DROP DATABASE y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
