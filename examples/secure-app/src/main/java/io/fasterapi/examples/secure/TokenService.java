package io.fasterapi.examples.secure;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Issues and verifies the access tokens: JWTs signed with HMAC-SHA256 (HS256, nimbus-jose-jwt)
 * carrying the user name ({@code sub}), the granted scopes ({@code scope}, space-separated, as
 * OAuth2 writes them) and an expiry ({@code exp}). Verification accepts only HS256 with this key and
 * an unexpired token: a token with another algorithm ({@code none} included), another key, a
 * changed payload or no expiry is refused. Thread-safe.
 */
public final class TokenService {
    /** Claims of a verified token. */
    public record Claims(String username, List<String> scopes) {
    }

    private final byte[] secret;
    private final Duration lifetime;
    private final Clock clock;

    /**
     * A service signing with {@code secret} (at least 32 bytes: HS256 needs a 256-bit key), whose
     * tokens live {@code lifetime}.
     */
    public TokenService(byte[] secret, Duration lifetime, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the JWT secret must be at least 32 bytes, got " + secret.length);
        }
        this.secret = secret.clone();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A random 256-bit key, for development when no secret is configured (tokens die with the process). */
    public static byte[] randomSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** A signed token for {@code username} granting {@code scopes}. */
    public String issue(String username, List<String> scopes) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(username).claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of {@code token} when it is ours, intact and unexpired; empty otherwise. */
    public Optional<Claims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date expiry = claims.getExpirationTime();
            if (claims.getSubject() == null || expiry == null || !expiry.toInstant().isAfter(clock.instant())) {
                return Optional.empty();
            }
            String scope = claims.getStringClaim("scope");
            List<String> scopes = scope == null || scope.isBlank() ? List.of() : List.of(scope.strip().split(" +"));
            return Optional.of(new Claims(claims.getSubject(), scopes));
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
