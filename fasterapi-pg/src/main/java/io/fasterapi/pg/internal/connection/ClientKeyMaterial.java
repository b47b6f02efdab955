package io.fasterapi.pg.internal.connection;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.internal.config.TlsClientCertificate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads a client certificate chain and its private key as libpq accepts them (fe-secure-openssl.c
 * hands both files to OpenSSL): the certificate in PEM or DER, the key in PEM or DER as PKCS#8,
 * encrypted PKCS#8 (decrypted with {@code sslpassword}; PBES2 as {@code openssl pkcs8 -topk8} and
 * {@code openssl genpkey -aes256} write it, or PBES1) or PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}).
 * OpenSSL's legacy encrypted PEM ({@code Proc-Type: 4,ENCRYPTED}) and SEC1 EC keys are refused
 * with the openssl command that converts them. Runs once, on the thread that builds the pool.
 * Messages name the files, never the password.
 */
final class ClientKeyMaterial {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    /** rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters: PKCS#8's AlgorithmIdentifier for RSA. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA");

    final PrivateKey key;
    final X509Certificate[] chain;

    private ClientKeyMaterial(PrivateKey key, X509Certificate[] chain) {
        this.key = key;
        this.chain = chain;
    }

    static ClientKeyMaterial load(TlsClientCertificate c) {
        X509Certificate[] chain = certificates(c.certFile());
        byte[] keyFile = read(c.keyFile(), "sslkey", "the private key of sslcert " + c.certFile()
                + " (libpq's default is ~/.postgresql/postgresql.key)");
        return new ClientKeyMaterial(privateKey(keyFile, c), chain);
    }

    private static byte[] read(String file, String key, String what) {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new PgConnectionException("cannot set up TLS: " + key + " " + file + " does not exist (" + what + ")");
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new PgConnectionException("cannot set up TLS: cannot read " + key + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] certificates(String file) {
        byte[] bytes = read(file, "sslcert", "the client certificate");
        try {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).toArray(new X509Certificate[0]);
            if (chain.length == 0) {
                throw new CertificateException("no certificate in it");
            }
            return chain;
        } catch (CertificateException e) {
            throw new PgConnectionException("cannot set up TLS: sslcert " + file + " is not a PEM or DER X.509"
                    + " certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(byte[] file, TlsClientCertificate c) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            return derKey(file, c);
        }
        String label = m.group(1);
        String body = m.group(2);
        if (body.contains("Proc-Type:")) {
            throw unreadable(c, "it is encrypted in OpenSSL's legacy PEM format, which Java cannot read; convert it"
                    + " with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.key -out new.key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw unreadable(c, "its PEM body is not base64");
        }
        return switch (label) {
            case "PRIVATE KEY" -> pkcs8(der, c);
            case "RSA PRIVATE KEY" -> pkcs8(pkcs1ToPkcs8(der), c);
            case "ENCRYPTED PRIVATE KEY" -> {
                PrivateKey k = tryPkcs8(decrypt(der, c));
                if (k == null) { // the padding happened to check out: still the wrong password
                    throw unreadable(c, "it cannot be decrypted with the sslpassword given (wrong password)");
                }
                yield k;
            }
            case "EC PRIVATE KEY" -> throw unreadable(c, "it is a SEC1 EC key; convert it to PKCS#8 with:"
                    + " openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key");
            default -> throw unreadable(c, "it holds a PEM \"" + label + "\", not a private key");
        };
    }

    /** A DER key file, as libpq also reads: encrypted PKCS#8, PKCS#8, or PKCS#1 RSA. */
    private static PrivateKey derKey(byte[] der, TlsClientCertificate c) {
        try {
            new EncryptedPrivateKeyInfo(der);
            return pkcs8(decrypt(der, c), c);
        } catch (IOException notEncrypted) {
            // not an EncryptedPrivateKeyInfo: try the clear forms
        }
        PrivateKey k = tryPkcs8(der);
        if (k == null) {
            k = tryPkcs8(pkcs1ToPkcs8(der));
        }
        if (k == null) {
            throw unreadable(c, "it is neither PEM nor a DER PKCS#8 or PKCS#1 private key");
        }
        return k;
    }

    private static PrivateKey pkcs8(byte[] der, TlsClientCertificate c) {
        PrivateKey k = tryPkcs8(der);
        if (k == null) {
            throw unreadable(c, "its key is not an RSA, EC, EdDSA or DSA key Java can read");
        }
        return k;
    }

    private static PrivateKey tryPkcs8(byte[] der) {
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException wrongAlgorithm) {
                // next
            }
        }
        return null;
    }

    private static byte[] decrypt(byte[] der, TlsClientCertificate c) {
        if (c.keyPassword() == null) {
            throw unreadable(c, "it is encrypted: give its password as sslpassword");
        }
        char[] password = c.keyPassword().toCharArray();
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            AlgorithmParameters params = info.getAlgParameters();
            // PBES2's name is its OID; its parameters name the real scheme (PBEWithHmacSHA256AndAES_256).
            String algorithm = PBES2_OID.equals(info.getAlgName()) || "PBES2".equals(info.getAlgName())
                    ? params.toString() : info.getAlgName();
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(password)), params);
            return info.getKeySpec(cipher).getEncoded();
        } catch (GeneralSecurityException | IOException e) {
            // A wrong password mostly shows as bad padding; names the file, never the password.
            throw unreadable(c, "it cannot be decrypted with the sslpassword given (wrong password, or a"
                    + " cipher Java lacks: " + e.getClass().getSimpleName() + ")");
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static PgConnectionException unreadable(TlsClientCertificate c, String why) {
        return new PgConnectionException("cannot set up TLS: cannot read sslkey " + c.keyFile() + ": " + why);
    }

    /** Wraps a PKCS#1 RSAPrivateKey in PKCS#8's PrivateKeyInfo: version 0, rsaEncryption, the key. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream(pkcs1.length + 32);
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.write(0x04);
        writeLength(inner, pkcs1.length);
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(inner.size() + 4);
        out.write(0x30);
        writeLength(out, inner.size());
        out.writeBytes(inner.toByteArray());
        return out.toByteArray();
    }

    /** A DER length: short form below 128, else the count of length bytes then the bytes. */
    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length < 0x80) {
            out.write(length);
            return;
        }
        int bytes = length > 0xFFFFFF ? 4 : length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
        out.write(0x80 | bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write(length >>> (8 * i));
        }
    }
}
