package io.fasterapi.pg.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decoder fed with bytes as a server would send them (55.7), one test per message type and error path. */
class BackendMessageDecoderTest {
    private final Recorder recorder = new Recorder();
    private BackendMessageDecoder decoder;
    private ArrayDeque<Recorder> inflight;
    private EmbeddedChannel channel;

    @BeforeEach
    void setUp() {
        start(false);
    }

    /** A decoder whose in-flight queue holds the recorder, as a connection's holds its head exchange. */
    private void start(boolean sslResponseFirst) {
        inflight = new ArrayDeque<>(List.of(recorder));
        decoder = new BackendMessageDecoder(recorder, recorder, inflight, sslResponseFirst);
        channel = new EmbeddedChannel(decoder);
    }

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    // ------------------------------------------------------------------ one test per message type

    @Test
    void authenticationPassesTheCodeAndTheRestOfTheBody() {
        feed(msg('R', b -> b.writeInt(0)));
        feed(msg('R', b -> {
            b.writeInt(10);
            cstring(b, "SCRAM-SHA-256-PLUS");
            cstring(b, "SCRAM-SHA-256");
            b.writeByte(0);
        }));
        assertThat(recorder.events).containsExactly("auth 0 []",
                "auth 10 [SCRAM-SHA-256-PLUS\0SCRAM-SHA-256\0\0]");
    }

    @Test
    void backendKeyDataOfProtocol30HasAFourByteKey() {
        feed(msg('K', b -> b.writeInt(4242).writeBytes(new byte[] {1, 2, 3, 4})));
        assertThat(recorder.events).containsExactly("key 4242 01020304");
    }

    @Test
    void backendKeyDataOfProtocol32CarriesALongKey() {
        byte[] pg18 = new byte[32];
        byte[] longest = new byte[BackendMessageDecoder.MAX_CANCEL_KEY_LENGTH];
        for (int i = 0; i < longest.length; i++) {
            longest[i] = (byte) (i * 7 + 1);
            if (i < pg18.length) {
                pg18[i] = (byte) (255 - i);
            }
        }
        feed(msg('K', b -> b.writeInt(7).writeBytes(pg18)));
        feed(msg('K', b -> b.writeInt(8).writeBytes(longest)));
        assertThat(recorder.events).containsExactly("key 7 " + HexFormat.of().formatHex(pg18),
                "key 8 " + HexFormat.of().formatHex(longest));
    }

    @Test
    void cancelKeyOutsideFourTo256BytesIsACorruptedStream() {
        assertCorrupted(msg('K', b -> b.writeInt(7).writeBytes(new byte[257])), "cancel key of 257 bytes");
        setUp();
        assertCorrupted(msg('K', b -> b.writeInt(7).writeBytes(new byte[3])), "cancel key of 3 bytes");
    }

    @Test
    void negotiateProtocolVersionPassesTheServersVersionAndOptions() {
        // What PostgreSQL 15 answers a StartupMessage asking for 3.2: "3.0, no options unknown".
        feed(msg('v', b -> b.writeInt(3 << 16).writeInt(0)));
        feed(msg('v', b -> {
            b.writeInt(3 << 16).writeInt(2);
            cstring(b, "_pq_.a");
            cstring(b, "_pq_.b");
        }));
        assertThat(recorder.events).containsExactly("negotiate 196608 []", "negotiate 196608 [_pq_.a, _pq_.b]");
    }

    @Test
    void parameterStatusAndReadyForQuery() {
        feed(msg('S', b -> {
            cstring(b, "client_encoding");
            cstring(b, "UTF8");
        }), msg('Z', b -> b.writeByte('T')));
        assertThat(recorder.events).containsExactly("param client_encoding=UTF8", "ready T");
    }

    @Test
    void rowDescriptionKeepsNamesAndTypeOids() {
        feed(msg('T', b -> {
            b.writeShort(2);
            column(b, "id", 23);
            column(b, "näme", 25);
        }));
        assertThat(recorder.events).containsExactly("rowdesc [id, näme] [23, 25]");
    }

    @Test
    void dataRowIsLentInPlaceWithNullAndEmptyColumns() {
        feed(msg('D', b -> {
            b.writeShort(3);
            b.writeInt(2).writeBytes("42".getBytes(StandardCharsets.UTF_8));
            b.writeInt(-1);
            b.writeInt(0);
        }));
        assertThat(recorder.events).containsExactly("row [42, null, ]");
    }

    @Test
    void commandCompleteEmptyQueryAndTheExtendedProtocolAcknowledgements() {
        feed(msg('C', b -> cstring(b, "INSERT 0 3")), msg('I', b -> { }), msg('1', b -> { }), msg('2', b -> { }),
                msg('3', b -> { }), msg('n', b -> { }), msg('s', b -> { }), msg('c', b -> { }));
        assertThat(recorder.events).containsExactly("complete INSERT 0 3", "empty", "parse", "bind", "close",
                "nodata", "suspended", "copydone");
    }

    @Test
    void errorAndNoticeFieldsByCode() {
        feed(msg('E', b -> {
            field(b, 'S', "ERROR");
            field(b, 'V', "ERROR");
            field(b, 'C', "23505");
            field(b, 'M', "duplicate key");
            b.writeByte(0);
        }), msg('N', b -> {
            field(b, 'S', "NOTICE");
            field(b, 'M', "hello");
            b.writeByte(0);
        }));
        assertThat(recorder.events).containsExactly("error {C=23505, M=duplicate key, S=ERROR, V=ERROR}",
                "notice {M=hello, S=NOTICE}");
    }

    @Test
    void notificationCarriesPidChannelAndPayload() {
        feed(msg('A', b -> {
            b.writeInt(99);
            cstring(b, "jobs");
            cstring(b, "payload ✓");
        }));
        assertThat(recorder.events).containsExactly("notify 99 jobs payload ✓");
    }

    @Test
    void parameterDescriptionListsTypeOids() {
        feed(msg('t', b -> b.writeShort(3).writeInt(23).writeInt(25).writeInt(1700)));
        assertThat(recorder.events).containsExactly("paramdesc [23, 25, 1700]");
    }

    @Test
    void copyResponsesAndCopyDataAsARetainedSlice() {
        feed(msg('G', b -> b.writeByte(0).writeShort(1).writeShort(0)), msg('H', b -> b.writeByte(1).writeShort(0)),
                msg('d', b -> b.writeBytes("a,b\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(recorder.events).containsExactly("copyin text", "copyout binary", "copydata a,b\n");
    }

    @Test
    void sslAnswerIsOneByteThenMessagesFollowAsUsual() {
        channel.finishAndReleaseAll();
        start(true);
        ByteBuf b = Unpooled.buffer().writeByte('S');
        feed(b);
        feed(msg('Z', x -> x.writeByte('I')));
        assertThat(recorder.events).containsExactly("ssl S alone", "ready I");
    }

    @Test
    void bytesBehindTheSslAnswerAreReported() {
        // CVE-2021-23222: anything between 'S' and the TLS handshake may have been injected.
        channel.finishAndReleaseAll();
        start(true);
        feed(Unpooled.buffer().writeByte('S').writeBytes(new byte[] {'Z', 0, 0, 0, 5, 'I'}));
        assertThat(recorder.events).first().isEqualTo("ssl S with more bytes");
    }

    // ------------------------------------------------------------------ dispatch with nothing in flight

    @Test
    void messagesForAnExchangeAreDroppedWhenNoneIsInFlight() {
        // What a broken connection's decoder still has buffered: the pipeline failed its exchanges.
        inflight.clear();
        ByteBuf data = msg('d', b -> b.writeBytes("a,b\n".getBytes(StandardCharsets.UTF_8)));
        feed(msg('T', b -> {
            b.writeShort(1);
            column(b, "id", 23);
        }), msg('D', b -> b.writeShort(1).writeInt(1).writeByte('7')), data, msg('n', b -> { }),
                msg('C', b -> cstring(b, "SELECT 1")), msg('Z', b -> b.writeByte('I')));
        assertThat(recorder.events).containsExactly("complete SELECT 1", "ready I");
        assertThat(data.refCnt()).as("no CopyData slice retained for nobody").isZero();
    }

    @Test
    void loginMessagesWithNoExchangeInFlightAreUnexpected() {
        inflight.clear();
        feed(msg('R', b -> b.writeInt(0)), msg('v', b -> b.writeInt(3 << 16).writeInt(0)));
        assertThat(recorder.events).containsExactly("unexpected R", "unexpected v");
    }

    @Test
    void sessionMessagesNeedNoExchangeInFlight() {
        inflight.clear();
        feed(msg('S', b -> {
            cstring(b, "TimeZone");
            cstring(b, "UTC");
        }), msg('A', b -> {
            b.writeInt(1);
            cstring(b, "jobs");
            cstring(b, "");
        }));
        assertThat(recorder.events).containsExactly("param TimeZone=UTC", "notify 1 jobs ");
    }

    // ------------------------------------------------------------------ framing and error paths

    @Test
    void truncatedMessageWaitsForTheRestOneByteAtATime() {
        ByteBuf whole = Unpooled.buffer();
        whole.writeBytes(msg('C', b -> cstring(b, "SELECT 1")));
        whole.writeBytes(msg('Z', b -> b.writeByte('I')));
        byte[] bytes = new byte[whole.readableBytes()];
        whole.readBytes(bytes);
        whole.release();
        int firstEnd = 1 + 4 + "SELECT 1".length() + 1;
        for (int i = 0; i < bytes.length; i++) {
            feed(Unpooled.wrappedBuffer(new byte[] {bytes[i]}));
            int expected = i + 1 < firstEnd ? 0 : i + 1 < bytes.length ? 1 : 2;
            assertThat(recorder.events).as("after byte %d", i).hasSize(expected);
        }
        assertThat(recorder.events).containsExactly("complete SELECT 1", "ready I");
    }

    @Test
    void severalMessagesInOneBufferAreDispatchedInOrder() {
        ByteBuf all = Unpooled.buffer();
        for (int i = 0; i < 50; i++) {
            int n = i;
            all.writeBytes(msg('C', b -> cstring(b, "UPDATE " + n)));
        }
        feed(all);
        assertThat(recorder.events).hasSize(50).startsWith("complete UPDATE 0").endsWith("complete UPDATE 49");
    }

    @Test
    void lengthAboveTheLimitIsACorruptedStreamBeforeAnyBodyArrives() {
        ByteBuf header = Unpooled.buffer().writeByte('D').writeInt(BackendMessageDecoder.MAX_MESSAGE_LENGTH + 1);
        assertCorrupted(header, "invalid length " + (BackendMessageDecoder.MAX_MESSAGE_LENGTH + 1));
    }

    @Test
    void lengthBelowItsOwnFourBytesIsACorruptedStream() {
        assertCorrupted(Unpooled.buffer().writeByte('Z').writeInt(3), "invalid length 3 of backend message 'Z'");
        setUp();
        assertCorrupted(Unpooled.buffer().writeByte('Z').writeInt(-1), "invalid length -1");
    }

    @Test
    void unknownTypeIsHandedOnAsUnexpected() {
        feed(msg('W', b -> b.writeShort(1)));
        assertThat(recorder.events).containsExactly("unexpected W");
    }

    @Test
    void bodyEndingInsideAFieldIsACorruptedStream() {
        assertCorrupted(msg('Z', b -> { }), "malformed backend message 'Z'");
        setUp();
        assertCorrupted(msg('K', b -> b.writeShort(1)), "malformed backend message 'K'");
    }

    @Test
    void unterminatedStringIsACorruptedStream() {
        assertCorrupted(msg('C', b -> b.writeBytes("SELECT 1".getBytes(StandardCharsets.UTF_8))), "unterminated string");
    }

    // ------------------------------------------------------------------ helpers

    private void feed(ByteBuf... buffers) {
        for (ByteBuf b : buffers) {
            channel.writeInbound(b);
        }
    }

    private void assertCorrupted(ByteBuf bytes, String message) {
        // CorruptedFrameException is a DecoderException: Netty passes it on as is, and the connection
        // turns it into a PgConnectionException carrying this message.
        assertThatThrownBy(() -> channel.writeInbound(bytes)).isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining(message);
        channel.finishAndReleaseAll();
    }

    private static ByteBuf msg(char type, Consumer<ByteBuf> body) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(type);
        int at = b.writerIndex();
        b.writeInt(0);
        body.accept(b);
        b.setInt(at, b.writerIndex() - at);
        return b;
    }

    private static void cstring(ByteBuf b, String s) {
        b.writeBytes(s.getBytes(StandardCharsets.UTF_8)).writeByte(0);
    }

    private static void field(ByteBuf b, char code, String value) {
        b.writeByte(code);
        cstring(b, value);
    }

    private static void column(ByteBuf b, String name, int oid) {
        cstring(b, name);
        b.writeInt(16384).writeShort(1).writeInt(oid).writeShort(4).writeInt(-1).writeShort(1);
    }

    /** Writes down each call as a line; releases what it is handed to own. */
    private static final class Recorder extends ExchangeMessageHandler
            implements SessionMessageHandler, PipelineMessageHandler {
        final List<String> events = new ArrayList<>();

        @Override
        public void sslResponse(byte answer, boolean moreBytesBuffered) {
            events.add("ssl " + (char) answer + (moreBytesBuffered ? " with more bytes" : " alone"));
        }

        @Override
        public void authentication(int code, ByteBuf body) {
            events.add("auth " + code + " [" + body.toString(StandardCharsets.UTF_8) + "]");
        }

        @Override
        public void backendKeyData(int processId, byte[] secretKey) {
            events.add("key " + processId + " " + HexFormat.of().formatHex(secretKey));
        }

        @Override
        public void parameterStatus(String name, String value) {
            events.add("param " + name + "=" + value);
        }

        @Override
        public void negotiateProtocolVersion(int newestVersion, List<String> unsupportedOptions) {
            events.add("negotiate " + newestVersion + " " + unsupportedOptions);
        }

        @Override
        public void readyForQuery(char transactionStatus) {
            events.add("ready " + transactionStatus);
        }

        @Override
        public void rowDescription(String[] names, int[] typeOids) {
            events.add("rowdesc " + Arrays.toString(names) + " " + Arrays.toString(typeOids));
        }

        @Override
        public void dataRow(ByteBuf buffer, int start, int length) {
            int at = start;
            int n = buffer.getUnsignedShort(at);
            at += 2;
            List<String> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = buffer.getInt(at);
                at += 4;
                values.add(len < 0 ? "null" : buffer.toString(at, len, StandardCharsets.UTF_8));
                at += Math.max(len, 0);
            }
            assertThat(at).isEqualTo(start + length);
            events.add("row " + values);
        }

        @Override
        public void commandComplete(String tag) {
            events.add("complete " + tag);
        }

        @Override
        public void emptyQueryResponse() {
            events.add("empty");
        }

        @Override
        public void errorResponse(Map<Character, String> fields) {
            events.add("error " + new TreeMap<>(fields));
        }

        @Override
        public void noticeResponse(Map<Character, String> fields) {
            events.add("notice " + new TreeMap<>(fields));
        }

        @Override
        public void notification(int processId, String channel, String payload) {
            events.add("notify " + processId + " " + channel + " " + payload);
        }

        @Override
        public void parseComplete() {
            events.add("parse");
        }

        @Override
        public void bindComplete() {
            events.add("bind");
        }

        @Override
        public void closeComplete() {
            events.add("close");
        }

        @Override
        public void noData() {
            events.add("nodata");
        }

        @Override
        public void portalSuspended() {
            events.add("suspended");
        }

        @Override
        public void parameterDescription(int[] typeOids) {
            events.add("paramdesc " + Arrays.toString(typeOids));
        }

        @Override
        public void copyInResponse(boolean binary) {
            events.add("copyin " + (binary ? "binary" : "text"));
        }

        @Override
        public void copyOutResponse(boolean binary) {
            events.add("copyout " + (binary ? "binary" : "text"));
        }

        @Override
        public void copyData(ByteBuf data) {
            try {
                events.add("copydata " + data.toString(StandardCharsets.UTF_8));
            } finally {
                data.release();
            }
        }

        @Override
        public void copyDone() {
            events.add("copydone");
        }

        @Override
        public void unexpected(char type, ByteBuf body) {
            events.add("unexpected " + type);
        }
    }
}
