package io.fasterapi.pg.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fasterapi.pg.PgCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a connection's registry binds per-database OIDs to codecs by type name: users' codecs ahead
 * of the kind's codec and of hstore's, built-in OIDs untouched, names kept for messages. The
 * round trips against a real server are in {@code io.fasterapi.pg.UserCodecTest}.
 */
class TypeRegistryTest {
    record Label(String text) {
    }

    static final PgCodec<Label> LABEL = PgCodec.text(Label.class, Label::new, Label::text);

    static TypeDescription type(int oid, String name, char kind) {
        return new TypeDescription(oid, name, kind, 'U', 0, 0, 0, 0, List.of(), new int[0]);
    }

    @Test
    void aUserCodecWinsOverTheKindsCodecAndOverHstore() {
        TypeRegistry types = new TypeRegistry(Map.of("mood", new UserCodec("mood", LABEL),
                "hstore", new UserCodec("hstore", LABEL)));
        assertThat(types.unresolved(new int[] {20_001, 20_002, 20_003, Oids.INT4})).containsExactlyInAnyOrder(
                20_001, 20_002, 20_003);
        types.define(List.of(type(20_001, "mood", 'e'), type(20_002, "hstore", 'b'), type(20_003, "other", 'e')),
                new int[] {20_001, 20_002, 20_003});
        assertThat(types.codec(20_001)).isInstanceOf(UserCodec.class);
        assertThat(types.codec(20_002)).isInstanceOf(UserCodec.class);
        assertThat(types.codec(20_003)).isSameAs(EnumCodec.INSTANCE);
        assertThat(types.unresolved(new int[] {20_001, 20_002, 20_003})).isEmpty();
    }

    @Test
    void hstoreKeepsItsBuiltInCodecWithoutAUserOne() {
        TypeRegistry types = new TypeRegistry(Map.of("mood", new UserCodec("mood", LABEL)));
        types.define(List.of(type(20_002, "hstore", 'b')), new int[] {20_002});
        assertThat(types.codec(20_002)).isSameAs(HstoreCodec.INSTANCE);
    }

    @Test
    void builtInOidsKeepTheirCodecsWhateverIsRegistered() {
        TypeRegistry types = new TypeRegistry(Map.of("int4", new UserCodec("int4", LABEL)));
        assertThat(types.codec(Oids.INT4)).isNotInstanceOf(UserCodec.class);
        assertThat(types.unresolved(new int[] {Oids.INT4})).isEmpty();
    }

    @Test
    void namesPerDatabaseTypesInMessagesOnceLookedUp() {
        TypeRegistry types = new TypeRegistry();
        assertThat(types.typeName(20_001)).isEqualTo("type oid 20001");
        types.define(List.of(type(20_001, "geometry", 'b')), new int[] {20_001});
        assertThat(types.typeName(20_001)).isEqualTo("geometry");
        assertThat(types.typeName(Oids.INT4)).isEqualTo("integer");
        assertThat(types.codec(20_001)).as("a base type without a codec stays text").isNull();
    }

    @Test
    void aTextCodecSendsTextAndReceivesText() {
        UserCodec c = new UserCodec("mood", LABEL);
        assertThat(c.binaryResults(20_001)).isFalse();
        assertThat(c.canEncode(20_001, new Label("x"))).isFalse();
        assertThat(c.encodeText(20_001, new Label("so-so"))).isEqualTo("so-so");
        assertThat(c.encodeText(20_001, "so-so")).as("not the codec's class: the driver's own rules apply").isNull();
        ByteBuf buf = Unpooled.copiedBuffer("xxhappy", StandardCharsets.UTF_8);
        try {
            assertThat(c.decodeText(20_001, buf, 2, 5)).isEqualTo(new Label("happy"));
            assertThatThrownBy(() -> c.decodeBinary(20_001, buf, 2, 5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reads text only");
        } finally {
            buf.release();
        }
    }

    @Test
    void whatACodecThrowsBecomesAnIllegalArgumentNamingTheType() {
        UserCodec c = new UserCodec("mood", PgCodec.text(Label.class, s -> {
            throw new IllegalStateException("bad label " + s);
        }, l -> null));
        ByteBuf buf = Unpooled.copiedBuffer("meh", StandardCharsets.UTF_8);
        try {
            assertThatThrownBy(() -> c.decodeText(20_001, buf, 0, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the codec of type mood failed to decode: java.lang.IllegalStateException: bad label meh")
                    .hasCauseInstanceOf(IllegalStateException.class);
        } finally {
            buf.release();
        }
        assertThatThrownBy(() -> c.encodeText(20_001, new Label("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encoded Label[text=x] as null");
    }
}
