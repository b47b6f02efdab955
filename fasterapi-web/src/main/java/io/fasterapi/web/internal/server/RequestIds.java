package io.fasterapi.web.internal.server;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids: the client's {@code X-Request-Id} when it is short and plain, else 16 random hex digits. */
final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    static String of(String fromClient) {
        if (fromClient != null && !fromClient.isEmpty() && fromClient.length() <= 64 && isPlain(fromClient)) {
            return fromClient;
        }
        long r = ThreadLocalRandom.current().nextLong();
        char[] c = new char[16];
        for (int i = 15; i >= 0; i--) {
            c[i] = HEX[(int) (r & 0xF)];
            r >>>= 4;
        }
        return new String(c);
    }

    // Only characters that cannot smuggle anything into logs or headers.
    private static boolean isPlain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
