package io.fasterapi.pg.internal.auth;

import io.fasterapi.pg.PgConnectionException;
import io.fasterapi.pg.internal.config.ChannelBinding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 and SCRAM-SHA-256-PLUS (RFC 5802, RFC 7677; PostgreSQL docs
 * 55.3.1). With TLS and a server offering -PLUS, binds to the channel with
 * {@code tls-server-end-point} (RFC 5929: a hash of the server certificate). One instance per
 * login; runs on the connection's event loop.
 *
 * <p>The user name in the SCRAM messages is left empty: the server uses the startup user. The
 * password is prepared with NFKC normalisation (the part of SASLprep that changes real passwords).
 */
public final class ScramClient {
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    public static final String SCRAM_SHA_256_PLUS = "SCRAM-SHA-256-PLUS";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String password;
    private final String mechanism;
    private final String gs2Header;
    private final byte[] channelBinding;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    /**
     * @param serverMechanisms what AuthenticationSASL offered
     * @param serverCert       the server certificate when on TLS, else null
     * @param binding          the DSN's {@code channel_binding}: with REQUIRE, anything but -PLUS fails
     *                         here, before a word derived from the password is sent
     */
    public ScramClient(String password, List<String> serverMechanisms, X509Certificate serverCert,
            ChannelBinding binding) {
        this.password = Normalizer.normalize(password, Normalizer.Form.NFKC);
        boolean mayBind = serverCert != null && binding != ChannelBinding.DISABLE;
        if (mayBind && serverMechanisms.contains(SCRAM_SHA_256_PLUS)) {
            mechanism = SCRAM_SHA_256_PLUS;
            gs2Header = "p=tls-server-end-point,,";
            channelBinding = certificateHash(serverCert);
        } else if (binding == ChannelBinding.REQUIRE) {
            throw new PgConnectionException(serverCert == null
                    ? "channel_binding=require, but the session is not TLS (SCRAM-SHA-256-PLUS needs TLS)"
                    : "channel_binding=require, but the server does not offer SCRAM-SHA-256-PLUS (it offers "
                            + serverMechanisms + "; a proxy may have removed it)");
        } else if (serverMechanisms.contains(SCRAM_SHA_256)) {
            mechanism = SCRAM_SHA_256;
            // As libpq: "y" = we could bind but the server did not offer it (RFC 5802 section 6), which
            // lets a server that does offer it detect a downgrade; "n" = no TLS, or binding disabled.
            gs2Header = mayBind ? "y,," : "n,,";
            channelBinding = new byte[0];
        } else {
            throw new PgConnectionException("server offers SASL mechanisms " + serverMechanisms
                    + " but this driver supports only SCRAM-SHA-256 and SCRAM-SHA-256-PLUS");
        }
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    /** The chosen mechanism, for SASLInitialResponse. */
    public String mechanism() {
        return mechanism;
    }

    /** client-first-message. */
    public byte[] clientFirstMessage() {
        clientFirstBare = "n=,r=" + clientNonce;
        return (gs2Header + clientFirstBare).getBytes(StandardCharsets.UTF_8);
    }

    /** client-final-message, computed from the server-first-message. */
    public byte[] clientFinalMessage(byte[] serverFirst) {
        String serverFirstMessage = new String(serverFirst, StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String attr : serverFirstMessage.split(",")) {
            if (attr.startsWith("r=")) {
                nonce = attr.substring(2);
            } else if (attr.startsWith("s=")) {
                salt = Base64.getDecoder().decode(attr.substring(2));
            } else if (attr.startsWith("i=")) {
                iterations = Integer.parseInt(attr.substring(2));
            }
        }
        if (nonce == null || salt == null || iterations < 1 || !nonce.startsWith(clientNonce)) {
            throw new PgConnectionException("SCRAM: malformed or forged server-first-message");
        }
        byte[] cbindInput = concat(gs2Header.getBytes(StandardCharsets.UTF_8), channelBinding);
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbindInput) + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirstMessage + "," + withoutProof;
        byte[] saltedPassword = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
        byte[] clientKey = hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage.getBytes(StandardCharsets.UTF_8));
        byte[] proof = clientKey.clone();
        for (int i = 0; i < proof.length; i++) {
            proof[i] ^= clientSignature[i];
        }
        byte[] serverKey = hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
        expectedServerSignature = hmac(serverKey, authMessage.getBytes(StandardCharsets.UTF_8));
        return (withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the server-final-message: proves the server knew the password too. */
    public void verifyServerFinal(byte[] serverFinal) {
        String s = new String(serverFinal, StandardCharsets.UTF_8);
        if (s.startsWith("e=")) {
            throw new PgConnectionException("SCRAM: server reported " + s.substring(2));
        }
        if (!s.startsWith("v=") || expectedServerSignature == null || !MessageDigest.isEqual(expectedServerSignature,
                Base64.getDecoder().decode(s.substring(2).split(",")[0]))) {
            throw new PgConnectionException("SCRAM: the server's signature is wrong; it may not be the server you meant");
        }
    }

    /** RFC 5929 tls-server-end-point: the certificate hashed with its signature's hash, SHA-256 at least. */
    static byte[] certificateHash(X509Certificate cert) {
        String alg = cert.getSigAlgName().toUpperCase(java.util.Locale.ROOT);
        String digest = alg.startsWith("SHA384") ? "SHA-384" : alg.startsWith("SHA512") ? "SHA-512" : "SHA-256";
        try {
            return MessageDigest.getInstance(digest).digest(cert.getEncoded());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new PgConnectionException("cannot hash the server certificate for channel binding", e);
        }
    }

    private static byte[] hi(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(password, "HmacSHA256"));
            mac.update(salt);
            mac.update(new byte[] {0, 0, 0, 1});
            byte[] u = mac.doFinal();
            byte[] result = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < result.length; j++) {
                    result[j] ^= u[j];
                }
            }
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
