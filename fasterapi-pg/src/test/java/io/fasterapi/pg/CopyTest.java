package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyTest {
    static PgTestDb db;

    @BeforeAll
    static void setUp() {
        db = new PgTestDb(CopyTest.class);
        try (Pg pg = db.pool.get()) {
            pg.script("CREATE TABLE big (id int, name text);"
                    + " CREATE TABLE small (id int PRIMARY KEY, name text);"
                    + " CREATE TABLE typed (i int4, t text, n numeric, b bool, ts timestamptz, x int8);"
                    + " CREATE TABLE streamed (id int, pad text);"
                    + " INSERT INTO streamed SELECT g, repeat('x', 100) FROM generate_series(1, 200000) g");
        }
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    private static String line(int i) {
        return i + ",name " + i + " \"q\"\n";
    }

    @Test
    void copiesAMillionRowsInAndOutWithMatchingChecksum() {
        int n = 1_000_000;
        CRC32 sent = new CRC32();
        try (Pg pg = db.pool.get()) {
            long copied;
            try (CopyIn pipe = pg.copyIn("COPY big(id, name) FROM STDIN (FORMAT csv, QUOTE '''')")) {
                StringBuilder sb = new StringBuilder(64 * 1024);
                for (int i = 1; i <= n; i++) {
                    sb.append(line(i));
                    if (sb.length() > 60_000 || i == n) {
                        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                        sent.update(b);
                        pipe.write(b);
                        sb.setLength(0);
                    }
                }
                copied = pipe.finish();
            }
            assertThat(copied).isEqualTo(n);
            Row stats = pg.exec("SELECT count(*), sum(id), max(id) FROM big").one();
            assertThat(stats.get(0, Long.class)).isEqualTo(n);
            assertThat(stats.get(1, Long.class)).isEqualTo((long) n * (n + 1) / 2);
            assertThat(stats.get(2, Long.class)).isEqualTo(n);

            CRC32 received = new CRC32();
            long bytes = pg.copyOut("COPY (SELECT id, name FROM big ORDER BY id) TO STDOUT (FORMAT csv, QUOTE '''')",
                    new OutputStream() {
                        @Override
                        public void write(int b) {
                            received.update(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            received.update(b, off, len);
                        }
                    });
            assertThat(received.getValue()).isEqualTo(sent.getValue());
            assertThat(bytes).isGreaterThan(20L * n);
            pg.exec("TRUNCATE big");
        }
    }

    @Test
    void abortedCopyLeavesTableUnchanged() {
        try (Pg pg = db.pool.get()) {
            pg.exec("TRUNCATE small");
            pg.exec("INSERT INTO small VALUES (0, 'before')");
            CopyIn pipe = pg.copyIn("COPY small FROM STDIN CSV");
            for (int i = 1; i <= 100_000; i++) {
                pipe.write(line(i).replace(" \"q\"", ""));
            }
            pipe.abort("changed my mind");
            pipe.close(); // no-op after abort
            assertThat(pg.exec("SELECT count(*) FROM small").scalar(Long.class)).isEqualTo(1);
            assertThat(pg.exec("SELECT 1").scalar(Integer.class)).isEqualTo(1);
        }
    }

    @Test
    void badRowFailsTheCopyAndTheConnectionStaysUsable() {
        try (Pg pg = db.pool.get()) {
            pg.exec("TRUNCATE small");
            CopyIn pipe = pg.copyIn("COPY small FROM STDIN CSV");
            pipe.write("1,a\n2,b\nnot-a-number,c\n");
            assertThatThrownBy(pipe::finish).isInstanceOf(PgException.class)
                    .satisfies(e -> assertThat(((PgException) e).code()).isEqualTo("22P02"));
            assertThat(pg.exec("SELECT count(*) FROM small").scalar(Long.class)).isZero();
        }
    }

    @Test
    void inputStreamFailureAbortsTheCopy(@TempDir Path dir) throws IOException {
        try (Pg pg = db.pool.get()) {
            pg.exec("TRUNCATE small");
            InputStream failing = new InputStream() {
                int left = 200_000;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) {
                        throw new IOException("disk on fire");
                    }
                    return left % 6 == 0 ? '\n' : '7';
                }
            };
            pg.exec("TRUNCATE typed");
            try (CopyIn pipe = pg.copyIn("COPY typed(i) FROM STDIN")) {
                assertThatThrownBy(() -> pipe.from(failing)).hasMessageContaining("COPY aborted");
            }
            assertThat(pg.exec("SELECT count(*) FROM typed").scalar(Long.class)).isZero();

            Path csv = dir.resolve("rows.csv");
            Files.writeString(csv, "1,one\n2,two\n3,three\n");
            try (CopyIn pipe = pg.copyIn("COPY small FROM STDIN CSV")) {
                assertThat(pipe.from(csv)).isEqualTo(Files.size(csv));
                assertThat(pipe.finish()).isEqualTo(3);
            }
        }
    }

    @Test
    void binaryWriterCopiesJavaValuesExactly() {
        Instant ts = Instant.parse("2024-02-29T12:34:56.123456Z");
        try (Pg pg = db.pool.get()) {
            long n;
            try (CopyIn pipe = pg.copyIn("COPY typed FROM STDIN (FORMAT binary)")) {
                CopyBinaryWriter rows = CopyBinaryWriter.of(pipe, "int4", "text", "numeric", "bool", "timestamptz", "int8");
                rows.row(1, "héllo, \"world\"\n\t", new BigDecimal("12345678901234567890.000001"), true, ts, Long.MIN_VALUE);
                rows.row(2, null, null, null, null, null);
                assertThatThrownBy(() -> rows.row(3, "too few")).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> rows.row("x", null, null, null, null, null))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1");
                n = rows.finish();
            }
            assertThat(n).isEqualTo(2);
            Row r = pg.exec("SELECT * FROM typed WHERE i = 1").one();
            assertThat(r.get("t", String.class)).isEqualTo("héllo, \"world\"\n\t");
            assertThat(r.get("n", BigDecimal.class)).isEqualByComparingTo("12345678901234567890.000001");
            assertThat(r.get("b", Boolean.class)).isTrue();
            assertThat(r.get("ts", Instant.class)).isEqualTo(ts);
            assertThat(r.get("x", Long.class)).isEqualTo(Long.MIN_VALUE);
            assertThat(pg.exec("SELECT t IS NULL AND n IS NULL FROM typed WHERE i = 2").scalar(Boolean.class)).isTrue();
        }
    }

    @Test
    void copyOutPublisherReadsOnlyAsFastAsRequested() throws Exception {
        try (Pg pg = db.pool.get()) {
            long expected = pg.copyOut("COPY streamed TO STDOUT", OutputStream.nullOutputStream());
            assertThat(expected).isGreaterThan(20_000_000L);

            AtomicLong received = new AtomicLong();
            AtomicReference<Flow.Subscription> sub = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<Throwable> error = new AtomicReference<>();
            pg.copyOut("COPY streamed TO STDOUT").subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    sub.set(s);
                    s.request(1);
                }

                @Override
                public void onNext(ByteBuffer chunk) {
                    received.addAndGet(chunk.remaining());
                }

                @Override
                public void onError(Throwable t) {
                    error.set(t);
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            Thread.sleep(500);
            // One chunk asked for, one delivered: the rest waits on the server, not in our heap.
            assertThat(received.get()).isPositive().isLessThanOrEqualTo(2L * 1024 * 1024);
            assertThat(done.getCount()).isEqualTo(1);
            sub.get().request(Long.MAX_VALUE);
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(error.get()).isNull();
            assertThat(received.get()).isEqualTo(expected);
        }
    }

    @Test
    void cancelledCopyOutLeavesTheConnectionUsable() throws Exception {
        try (Pg pg = db.pool.get()) {
            CountDownLatch first = new CountDownLatch(1);
            AtomicReference<Flow.Subscription> sub = new AtomicReference<>();
            pg.copyOut("COPY streamed TO STDOUT").subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    sub.set(s);
                    s.request(1);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    first.countDown();
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            sub.get().cancel();
            assertThat(pg.exec("SELECT 42").scalar(Integer.class)).isEqualTo(42);
            assertThat(pg.inTransaction()).isFalse();
        }
    }

    @Test
    void copyThroughExecIsRefusedWithoutHangingTheConnection() {
        try (Pg pg = db.pool.get()) {
            assertThatThrownBy(() -> pg.exec("COPY small FROM STDIN")).isInstanceOf(PgException.class)
                    .hasMessageContaining("Pg.copyIn()");
            assertThatThrownBy(() -> pg.script("COPY small FROM STDIN")).isInstanceOf(PgException.class)
                    .hasMessageContaining("Pg.copyIn()");
            assertThatThrownBy(() -> pg.copyIn("SELECT 1")).isInstanceOf(PgException.class)
                    .hasMessageContaining("not a COPY");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThatThrownBy(() -> pg.copyOut("SELECT 1", out)).isInstanceOf(PgException.class)
                    .hasMessageContaining("not a COPY");
            assertThat(pg.exec("SELECT 5").scalar(Integer.class)).isEqualTo(5);
        }
    }

    @Test
    void copyInsideARolledBackTransactionLeavesNothing() {
        try (Pg pg = db.pool.get()) {
            pg.exec("TRUNCATE small");
            try (Tx tx = pg.begin()) {
                try (CopyIn pipe = tx.copyIn("COPY small FROM STDIN CSV")) {
                    pipe.write("1,a\n2,b\n");
                }
                assertThat(tx.exec("SELECT count(*) FROM small").scalar(Long.class)).isEqualTo(2);
            }
            assertThat(pg.exec("SELECT count(*) FROM small").scalar(Long.class)).isZero();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pg.exec("INSERT INTO small VALUES (7, 'x')");
            assertThat(pg.copyOut("COPY small TO STDOUT CSV HEADER", out)).isEqualTo(out.size());
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("id,name\n7,x\n");
            assertThat(List.of(1)).hasSize(1);
        }
    }
}
