package io.fasterapi.pg.internal.config;

/**
 * The client certificate to present in the TLS handshake, from libpq's {@code sslcert},
 * {@code sslkey} and {@code sslpassword} (or libpq's defaults {@code ~/.postgresql/postgresql.crt}
 * and {@code .key} when those exist). The server asks for it with {@code cert} authentication or
 * {@code clientcert=verify-ca|verify-full} in pg_hba.conf. {@link #toString()} never shows the
 * password. Immutable.
 *
 * @param certFile    PEM file of the certificate (and any intermediates after it)
 * @param keyFile     PEM file of its private key: PKCS#8 ({@code BEGIN PRIVATE KEY}), encrypted PKCS#8
 *                    ({@code BEGIN ENCRYPTED PRIVATE KEY}, needs the password) or PKCS#1 RSA
 *                    ({@code BEGIN RSA PRIVATE KEY}); or the same in DER
 * @param keyPassword the key's password ({@code sslpassword}), or null
 */
public record TlsClientCertificate(String certFile, String keyFile, String keyPassword) {
    @Override
    public String toString() {
        return "TlsClientCertificate[certFile=" + certFile + ", keyFile=" + keyFile
                + (keyPassword != null ? ", keyPassword=***" : "") + "]";
    }
}
