package io.fasterapi.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak watch the fault tests rely on does see a buffer that was never released. */
@ExtendWith(LeakWatch.class)
class LeakWatchTest {

    @Test
    void reportsABufferThatBecameGarbageUnreleased() throws InterruptedException {
        assertThat(LeakWatch.leaksSinceLastCheck()).isEmpty();
        forgetABuffer();
        assertThat(LeakWatch.leaksSinceLastCheck()).singleElement().asString().contains("forgetABuffer");
    }

    private static void forgetABuffer() {
        ByteBuf b = ByteBufAllocator.DEFAULT.directBuffer(16);
        b.writeInt(42); // a recorded access, so the report carries a trace
    }
}
