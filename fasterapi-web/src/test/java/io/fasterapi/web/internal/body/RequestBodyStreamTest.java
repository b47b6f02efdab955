package io.fasterapi.web.internal.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded pipe between the connection's loop and the handler: pause, resume, failure, abandon. */
class RequestBodyStreamTest {
    final DefaultEventLoop loop = new DefaultEventLoop();
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicInteger resumes = new AtomicInteger();
    final RequestBodyStream stream = new RequestBodyStream(loop, new RequestBodyStream.ReadGate() {
        @Override
        public void pause() {
            pauses.incrementAndGet();
        }

        @Override
        public void resume() {
            resumes.incrementAndGet();
        }
    });

    @AfterEach
    void stopLoop() {
        stream.abandon();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void offer(int bytes, int value) throws Exception {
        ByteBuf b = Unpooled.directBuffer(bytes);
        for (int i = 0; i < bytes; i++) {
            b.writeByte(value);
        }
        loop.submit(() -> stream.offer(b)).get();
    }

    private void onLoop(Runnable r) throws Exception {
        loop.submit(r).get();
    }

    @Test
    void pausesAtTheHighWaterMarkAndResumesOnceReadUnderTheLowOne() throws Exception {
        offer(RequestBodyStream.HIGH_WATER - 1, 1);
        assertThat(pauses.get()).isZero();
        offer(1, 2);
        assertThat(pauses.get()).isEqualTo(1);
        offer(10_000, 3); // past the mark already: no second pause
        assertThat(pauses.get()).isEqualTo(1);
        byte[] buf = new byte[RequestBodyStream.HIGH_WATER + 10_000 - RequestBodyStream.LOW_WATER - 1];
        assertThat(stream.readNBytes(buf, 0, buf.length)).isEqualTo(buf.length);
        onLoop(() -> { });
        assertThat(resumes.get()).as("still above the low mark").isZero();
        assertThat(stream.read()).isEqualTo(1); // the first chunk's bytes still
        onLoop(() -> { }); // the resume hops to the loop
        assertThat(resumes.get()).isEqualTo(1);
        assertThat(stream.maxBuffered()).isEqualTo(RequestBodyStream.HIGH_WATER + 10_000);
    }

    @Test
    void manySmallChunksPauseToo() throws Exception {
        for (int i = 0; i < RequestBodyStream.MAX_CHUNKS; i++) {
            offer(1, 7);
        }
        assertThat(pauses.get()).isEqualTo(1);
        stream.readNBytes(RequestBodyStream.MAX_CHUNKS - RequestBodyStream.MAX_CHUNKS / 4);
        onLoop(() -> { });
        assertThat(resumes.get()).isEqualTo(1);
    }

    @Test
    void readsTheBodyInOrderThenEndOfStream() throws Exception {
        offer(3, 'a');
        offer(2, 'b');
        onLoop(stream::end);
        assertThat(new String(stream.readAllBytes())).isEqualTo("aaabb");
        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    void aFailureWakesABlockedReaderWithItsIOExceptionAndStatus() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(stream.read());
            } catch (IOException e) {
                outcome.set(e);
            }
        });
        Thread.sleep(100); // the reader is blocked: nothing to read
        onLoop(() -> stream.fail(new IOException("gone"), 413));
        reader.join(5_000);
        assertThat(outcome.get()).isInstanceOf(IOException.class).hasFieldOrPropertyWithValue("message", "gone");
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class).hasMessage("gone");
        assertThat(stream.refusalStatus()).isEqualTo(413);
        offer(5, 1); // dropped and released
    }

    @Test
    void abandoningDropsWhatIsUnreadResumesAndFailsLaterReads() throws Exception {
        offer(RequestBodyStream.HIGH_WATER, 1);
        assertThat(pauses.get()).isEqualTo(1);
        stream.close(); // the handler closes its stream: same as the exchange ending
        onLoop(() -> { });
        assertThat(resumes.get()).isEqualTo(1);
        offer(100, 2); // the rest of the body: dropped and released
        assertThatThrownBy(stream::read).isInstanceOf(IOException.class);
        assertThat(stream.refusalStatus()).isZero();
    }
}
