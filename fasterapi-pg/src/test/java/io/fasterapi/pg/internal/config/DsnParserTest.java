package io.fasterapi.pg.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.PgException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DsnParserTest {
    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void parsesUrlWithEverything() {
        ConnectionConfig c = DsnParser.parse("postgresql://app:s%40cret@db1:5433,db2/shop?sslmode=disable"
                + "&application_name=web&connect_timeout=7&target_session_attrs=read-write", NO_ENV);
        assertThat(c.user()).isEqualTo("app");
        assertThat(c.password()).isEqualTo("s@cret");
        assertThat(c.database()).isEqualTo("shop");
        assertThat(c.hosts()).containsExactly(new HostPort("db1", 5433), new HostPort("db2", 5432));
        assertThat(c.sslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(c.applicationName()).isEqualTo("web");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.targetSessionAttrs()).isEqualTo(TargetSessionAttrs.READ_WRITE);
    }

    @Test
    void parsesIpv6AndDefaults() {
        ConnectionConfig c = DsnParser.parse("postgres://[::1]:6000", NO_ENV);
        assertThat(c.hosts()).containsExactly(new HostPort("::1", 6000));
        assertThat(c.sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(c.database()).isEqualTo(c.user());
    }

    @Test
    void parsesKeyValueWithQuotesAndEscapes() {
        ConnectionConfig c = DsnParser.parse("host=h1,h2 port=1,2 user=bob password='it''s' dbname = 'my db'"
                .replace("''", "\\'"), NO_ENV);
        assertThat(c.hosts()).containsExactly(new HostPort("h1", 1), new HostPort("h2", 2));
        assertThat(c.password()).isEqualTo("it's");
        assertThat(c.database()).isEqualTo("my db");
    }

    @Test
    void fillsGapsFromPgEnvironmentVariables() {
        ConnectionConfig c = DsnParser.parse("dbname=x", Map.of("PGHOST", "envhost", "PGPORT", "5999",
                "PGUSER", "envuser", "PGPASSWORD", "pw", "PGSSLMODE", "require", "PGAPPNAME", "app"));
        assertThat(c.hosts()).containsExactly(new HostPort("envhost", 5999));
        assertThat(c.user()).isEqualTo("envuser");
        assertThat(c.password()).isEqualTo("pw");
        assertThat(c.database()).isEqualTo("x");
        assertThat(c.sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(c.applicationName()).isEqualTo("app");
    }

    @Test
    void dsnWinsOverEnvironment() {
        ConnectionConfig c = DsnParser.parse("postgres://u@h/db", Map.of("PGUSER", "other", "PGHOST", "elsewhere"));
        assertThat(c.user()).isEqualTo("u");
        assertThat(c.hosts()).containsExactly(new HostPort("h", 5432));
    }

    @Test
    void errorsNameTheKey() {
        assertThatThrownBy(() -> DsnParser.parse("postgres://h/db?sslmode=sometimes", NO_ENV))
                .isInstanceOf(PgException.class).hasMessageContaining("sslmode");
        assertThatThrownBy(() -> DsnParser.parse("host=h bogus=1", NO_ENV))
                .hasMessageContaining("unknown key 'bogus'");
        assertThatThrownBy(() -> DsnParser.parse("postgres://h:notaport/db", NO_ENV))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> DsnParser.parse("postgres://h/db?sslnegotiation=direct&sslmode=prefer", NO_ENV))
                .hasMessageContaining("sslnegotiation=direct");
        assertThatThrownBy(() -> DsnParser.parse("host=a,b,c port=1,2", NO_ENV)).hasMessageContaining("3 hosts but 2 ports");
        assertThat(((PgException) catchThrowable(() -> DsnParser.parse("host=h bogus=1", NO_ENV))).code()).isNull();
    }

    @Test
    void channelBindingIsParsedNotIgnored() {
        assertThat(DsnParser.parse("postgres://h/db", NO_ENV).channelBinding()).isEqualTo(ChannelBinding.PREFER);
        assertThat(DsnParser.parse("postgres://h/db?channel_binding=require", NO_ENV).channelBinding())
                .isEqualTo(ChannelBinding.REQUIRE);
        assertThat(DsnParser.parse("host=h channel_binding=disable", NO_ENV).channelBinding())
                .isEqualTo(ChannelBinding.DISABLE);
        assertThat(DsnParser.parse("host=h", Map.of("PGCHANNELBINDING", "require")).channelBinding())
                .isEqualTo(ChannelBinding.REQUIRE);
        assertThatThrownBy(() -> DsnParser.parse("postgres://h/db?channel_binding=always", NO_ENV))
                .isInstanceOf(PgException.class).hasMessageContaining("channel_binding 'always'")
                .hasMessageContaining("disable, prefer, require");
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void neverShowsThePassword() {
        String secret = "hunter2-secret";
        ConnectionConfig c = DsnParser.parse("postgres://u:" + secret + "@h/db", NO_ENV);
        assertThat(c.toString()).doesNotContain(secret).contains("***");
        for (String bad : List.of("postgres://u:" + secret + "@h:x/db", "postgres://u:" + secret + "@h/db?sslmode=" + "nope",
                "user=u password=" + secret + " port=zz", "user=u password=" + secret + " bogus=1")) {
            assertThatThrownBy(() -> DsnParser.parse(bad, NO_ENV)).isInstanceOf(PgException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
        }
    }

    @Test
    void refusesUnixSocketsAndTakesClientCertificates() {
        assertThatThrownBy(() -> DsnParser.parse("host=/var/run/postgresql", NO_ENV)).hasMessageContaining("Unix socket");
        TlsClientCertificate cert = DsnParser.parse("host=h sslcert=/x sslkey=/y sslpassword=k3y-s3cret", NO_ENV)
                .clientCertificate();
        assertThat(cert).isEqualTo(new TlsClientCertificate("/x", "/y", "k3y-s3cret"));
        assertThat(cert.toString()).doesNotContain("k3y-s3cret").contains("***");
        // libpq's default key file beside the certificate's; no certificate with sslmode=disable.
        assertThat(DsnParser.parse("host=h sslcert=/x", NO_ENV).clientCertificate().keyFile())
                .isEqualTo(java.nio.file.Path.of(System.getProperty("user.home"), ".postgresql", "postgresql.key").toString());
        assertThat(DsnParser.parse("host=h sslcert=/x sslmode=disable", NO_ENV).clientCertificate()).isNull();
        assertThat(DsnParser.parse("host=h", Map.of("PGSSLCERT", "/env.crt", "PGSSLKEY", "/env.key")).clientCertificate())
                .isEqualTo(new TlsClientCertificate("/env.crt", "/env.key", null));
    }

    @Test
    void statementCacheCanBeTurnedOff() {
        assertThat(DsnParser.parse("host=h statement_cache_size=0", NO_ENV).statementCacheSize()).isZero();
        assertThat(DsnParser.parse("host=h", NO_ENV).statementCacheSize())
                .isEqualTo(ConnectionConfig.DEFAULT_STATEMENT_CACHE_SIZE);
    }

    @Test
    void protocolVersionDefaultsTo30AndTakesLibpqSpellings() {
        ConnectionConfig def = DsnParser.parse("host=h", NO_ENV);
        assertThat(def.minProtocolVersion()).isEqualTo(ConnectionConfig.PROTOCOL_3_0);
        assertThat(def.maxProtocolVersion()).isEqualTo(ConnectionConfig.PROTOCOL_3_0);
        ConnectionConfig opt = DsnParser.parse("postgres://h/db?max_protocol_version=3.2", NO_ENV);
        assertThat(opt.minProtocolVersion()).isEqualTo(ConnectionConfig.PROTOCOL_3_0);
        assertThat(opt.maxProtocolVersion()).isEqualTo(ConnectionConfig.PROTOCOL_3_2);
        assertThat(DsnParser.parse("host=h max_protocol_version=latest", NO_ENV).maxProtocolVersion())
                .isEqualTo(ConnectionConfig.PROTOCOL_3_2);
        // Asking for at least 3.2 asks for 3.2.
        ConnectionConfig strict = DsnParser.parse("host=h min_protocol_version=3.2", NO_ENV);
        assertThat(strict.minProtocolVersion()).isEqualTo(ConnectionConfig.PROTOCOL_3_2);
        assertThat(strict.maxProtocolVersion()).isEqualTo(ConnectionConfig.PROTOCOL_3_2);
        assertThat(DsnParser.parse("host=h", Map.of("PGMAXPROTOCOLVERSION", "3.2")).maxProtocolVersion())
                .isEqualTo(ConnectionConfig.PROTOCOL_3_2);
    }

    @Test
    void refusesUnknownOrContradictoryProtocolVersions() {
        assertThatThrownBy(() -> DsnParser.parse("host=h max_protocol_version=3.1", NO_ENV))
                .isInstanceOf(PgException.class).hasMessageContaining("max_protocol_version '3.1'");
        assertThatThrownBy(() -> DsnParser.parse("host=h min_protocol_version=4.0", NO_ENV))
                .hasMessageContaining("min_protocol_version '4.0'");
        assertThatThrownBy(() -> DsnParser.parse("host=h min_protocol_version=latest max_protocol_version=3.0", NO_ENV))
                .hasMessageContaining("min_protocol_version 3.2 is greater than max_protocol_version 3.0");
    }

    @Test
    void directSslNegotiationNeedsSslmodeRequireOrStronger() {
        // libpq's message names the mode: weak sslmode "prefer" may not be used with sslnegotiation=direct.
        Map<String, String> named = new java.util.LinkedHashMap<>();
        named.put("&sslmode=disable", "disable");
        named.put("&sslmode=allow", "allow");
        named.put("&sslmode=prefer", "prefer");
        named.put("", "prefer"); // the default
        named.forEach((weak, mode) -> assertThatThrownBy(
                () -> DsnParser.parse("postgres://h/db?sslnegotiation=direct" + weak, NO_ENV))
                .as(weak).isInstanceOf(PgException.class)
                .hasMessageContaining("weak sslmode \"" + mode + "\" may not be used with sslnegotiation=direct")
                .hasMessageContaining("use require, verify-ca or verify-full"));
        assertThatThrownBy(() -> DsnParser.parse("host=h", Map.of("PGSSLNEGOTIATION", "direct", "PGSSLMODE", "allow")))
                .hasMessageContaining("weak sslmode \"allow\" may not be used with sslnegotiation=direct");
        assertThat(DsnParser.parse("postgres://h/db?sslnegotiation=direct&sslmode=require", NO_ENV).sslNegotiationDirect())
                .isTrue();
        assertThat(DsnParser.parse("host=h sslnegotiation=direct sslmode=verify-full sslrootcert=/x", NO_ENV)
                .sslNegotiationDirect()).isTrue();
        assertThat(DsnParser.parse("host=h sslnegotiation=postgres sslmode=disable", NO_ENV).sslNegotiationDirect())
                .isFalse();
    }

    @Test
    void poolerTransactionTurnsTheCacheOffUnlessTheCacheSizeIsGiven() {
        ConnectionConfig c = DsnParser.parse("postgres://h:6432/db?pooler=transaction", NO_ENV);
        assertThat(c.transactionPooling()).isTrue();
        assertThat(c.statementCacheSize()).isZero();
        ConnectionConfig kept = DsnParser.parse("host=h pooler=transaction statement_cache_size=64", NO_ENV);
        assertThat(kept.transactionPooling()).isTrue();
        assertThat(kept.statementCacheSize()).as("PgBouncer 1.21+ with max_prepared_statements").isEqualTo(64);
        assertThat(DsnParser.parse("host=h pooler=session", NO_ENV).transactionPooling()).isFalse();
        assertThat(DsnParser.parse("host=h pooler=none", NO_ENV).statementCacheSize())
                .isEqualTo(ConnectionConfig.DEFAULT_STATEMENT_CACHE_SIZE);
        assertThat(DsnParser.parse("host=h", NO_ENV).transactionPooling()).isFalse();
        assertThatThrownBy(() -> DsnParser.parse("host=h pooler=statement", NO_ENV))
                .hasMessageContaining("pooler=statement is not supported");
        assertThatThrownBy(() -> DsnParser.parse("host=h pooler=pgbouncer", NO_ENV))
                .hasMessageContaining("pooler must be none, session or transaction");
    }
}
