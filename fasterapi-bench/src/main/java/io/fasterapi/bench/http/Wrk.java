package io.fasterapi.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian's package) against a URL and parses what it prints. */
public final class Wrk {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PCT = Pattern.compile("^\\s+(50|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /**
     * One wrk run: requests per second, median and 99th percentile latency in ms, errors, and the
     * server's CPU per request in microseconds (NaN until {@link #withServerCpu} sets it).
     */
    public record Result(double requestsPerSec, double p50Millis, double p99Millis, long errors, String raw,
                         double serverCpuMicrosPerRequest) {
        Result(double requestsPerSec, double p50Millis, double p99Millis, long errors, String raw) {
            this(requestsPerSec, p50Millis, p99Millis, errors, raw, Double.NaN);
        }

        /** This result with the server's CPU time over a run of {@code seconds}, per request. */
        public Result withServerCpu(long cpuNanos, int seconds) {
            double requests = requestsPerSec * seconds;
            return new Result(requestsPerSec, p50Millis, p99Millis, errors, raw,
                    cpuNanos < 0 || requests <= 0 ? Double.NaN : cpuNanos / 1000.0 / requests);
        }
    }

    private Wrk() {
    }

    /** Runs wrk with {@code connections} for {@code seconds}; {@code pipelineDepth > 1} pipelines requests. */
    public static Result run(String url, int threads, int connections, int seconds, int pipelineDepth) {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "-H", "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7"));
        if (pipelineDepth > 1) {
            cmd.addAll(List.of("-s", pipelineScript().toString()));
        }
        cmd.add(url);
        if (pipelineDepth > 1) {
            cmd.addAll(List.of("--", Integer.toString(pipelineDepth)));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("wrk failed: " + String.join(" ", cmd) + "\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run wrk (apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result parse(String out) {
        Matcher m = RPS.matcher(out);
        double rps = m.find() ? Double.parseDouble(m.group(1)) : 0;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher pm = PCT.matcher(out);
        while (pm.find()) {
            double v = Double.parseDouble(pm.group(2));
            double ms = switch (pm.group(3)) {
                case "us" -> v / 1000;
                case "s" -> v * 1000;
                default -> v;
            };
            if (pm.group(1).equals("50")) {
                p50 = ms;
            } else {
                p99 = ms;
            }
        }
        long errors = 0;
        Matcher nm = NON_2XX.matcher(out);
        if (nm.find()) {
            errors += Long.parseLong(nm.group(1));
        }
        Matcher sm = SOCKET_ERRORS.matcher(out);
        if (sm.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(sm.group(g));
            }
        }
        return new Result(rps, p50, p99, errors, out);
    }

    private static Path script;

    private static synchronized Path pipelineScript() {
        if (script == null) {
            try (InputStream in = Wrk.class.getResourceAsStream("/pipeline.lua")) {
                Path f = Files.createTempFile("pipeline", ".lua");
                Files.write(f, in.readAllBytes());
                f.toFile().deleteOnExit();
                script = f;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }
}
