package io.fasterapi.pg.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fasterapi.pg.internal.config.ConnectionConfig;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrontendMessagesTest {
    @Test
    void cancelRequestCarriesAProtocol30Key() {
        ByteBuf b = Unpooled.buffer();
        try {
            FrontendMessages.cancelRequest(b, 1234, new byte[] {9, 8, 7, 6});
            assertThat(b.readInt()).isEqualTo(16);
            assertThat(b.readInt()).isEqualTo(80_877_102);
            assertThat(b.readInt()).isEqualTo(1234);
            assertThat(b.readableBytes()).isEqualTo(4);
        } finally {
            b.release();
        }
    }

    @Test
    void cancelRequestCarriesALongProtocol32KeyWhole() {
        byte[] key = new byte[256];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        ByteBuf b = Unpooled.buffer();
        try {
            FrontendMessages.cancelRequest(b, 77, key);
            assertThat(b.readInt()).isEqualTo(12 + 256).isEqualTo(b.readableBytes() + 4);
            assertThat(b.readInt()).isEqualTo(80_877_102);
            assertThat(b.readInt()).isEqualTo(77);
            byte[] sent = new byte[b.readableBytes()];
            b.readBytes(sent);
            assertThat(sent).isEqualTo(key);
        } finally {
            b.release();
        }
    }

    @Test
    void startupMessageAsksForTheConfiguredVersion() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", "u");
        ByteBuf b = Unpooled.buffer();
        try {
            FrontendMessages.startup(b, ConnectionConfig.PROTOCOL_3_2, params);
            assertThat(b.readInt()).isEqualTo(b.readableBytes() + 4);
            assertThat(b.readInt()).isEqualTo(3 << 16 | 2).isEqualTo(196_610);
        } finally {
            b.release();
        }
    }
}
