package io.fasterapi.pg.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** AuthenticationMD5Password: {@code "md5" + md5hex(md5hex(password + user) + salt)} (55.3). */
public final class Md5Password {
    private Md5Password() {
    }

    /** The bytes to send in the PasswordMessage. */
    public static byte[] hash(String user, String password, byte[] salt) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            md5.update(user.getBytes(StandardCharsets.UTF_8));
            byte[] inner = HexFormat.of().formatHex(md5.digest()).getBytes(StandardCharsets.US_ASCII);
            md5.update(inner);
            md5.update(salt);
            return ("md5" + HexFormat.of().formatHex(md5.digest())).getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 unavailable", e);
        }
    }
}
