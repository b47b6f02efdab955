package io.fasterapi.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Raw-socket helpers of the wire-level tests: connect to the test server and read its answers. */
final class WireReads {
    private WireReads() {
    }

    /** A socket to the test server on {@code port} that gives up reading after 5 s. */
    static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(5000);
        return s;
    }

    /** Reads until the peer closes or {@code marker} has been seen {@code count} times. */
    static String readUntil(InputStream in, String marker, int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (true) {
            String s = out.toString(StandardCharsets.ISO_8859_1);
            if (marker != null && occurrences(s, marker) >= count) {
                return s;
            }
            int n = in.read(buf);
            if (n < 0) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
            out.write(buf, 0, n);
        }
    }

    /** How many times {@code marker} occurs in {@code s}. */
    static int occurrences(String s, String marker) {
        int n = 0;
        for (int i = s.indexOf(marker); i >= 0; i = s.indexOf(marker, i + 1)) {
            n++;
        }
        return n;
    }
}
