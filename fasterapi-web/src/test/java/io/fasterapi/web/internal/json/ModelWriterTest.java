package io.fasterapi.web.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writing through a route's response model costs what writing the runtime class with databind did: a
 * value the declared type guarantees passes {@link ModelWriter#adapt} untouched and without allocating,
 * and a write allocates no more than one with databind's writer of the runtime class (a plain record's
 * model and runtime writers need no databind, {@link PlainJson}; a model interface's does).
 */
class ModelWriterTest {
    private static final int ROUNDS = 20_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public interface Named {
        String name();
    }

    public record Item(int id, String name, double price, List<String> tags) implements Named {
    }

    private static final Item ITEM = new Item(7, "Widget", 9.99, List.of("a", "b"));

    private static final OutputStream SINK = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    };

    @Test
    void aValueOfTheDeclaredTypePassesAdaptUntouchedWithoutAllocating() {
        ModelWriter model = JsonMapping.DECLARED.modelWriter(Item.class, Item.class, false, false);
        for (int i = 0; i < ROUNDS; i++) {
            assertThat(model.adapt(ITEM)).isSameAs(ITEM);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Object last = null;
        for (int i = 0; i < ROUNDS; i++) {
            last = model.adapt(ITEM);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(last).isSameAs(ITEM);
        assertThat(allocated / ROUNDS).as("bytes allocated per adapt").isZero();
    }

    @Test
    void writingThroughTheModelAllocatesNoMoreThanWritingTheRuntimeClass() {
        JsonValueWriter runtime = new JacksonValueWriter(JsonMapping.DECLARED.mapper().writerFor(Item.class));
        JsonValueWriter plainRuntime = JsonMapping.DECLARED.writerFor(Item.class);
        JsonValueWriter model = JsonMapping.DECLARED.modelWriter(Item.class, Item.class, false, false).writer();
        JsonValueWriter throughInterface = JsonMapping.DECLARED.modelWriter(Named.class, Item.class, false, false).writer();
        assertThat(plainRuntime).isNotInstanceOf(JacksonValueWriter.class);
        assertThat(model).isNotInstanceOf(JacksonValueWriter.class);
        assertThat(throughInterface).isInstanceOf(JacksonValueWriter.class);
        long runtimeBytes = bytesPerWrite(runtime);
        long plainBytes = bytesPerWrite(plainRuntime);
        long modelBytes = bytesPerWrite(model);
        long interfaceBytes = bytesPerWrite(throughInterface);
        assertThat(plainBytes).as("plain %d vs databind %d bytes per write", plainBytes, runtimeBytes)
                .isLessThanOrEqualTo(runtimeBytes);
        assertThat(modelBytes).as("model %d vs runtime %d bytes per write", modelBytes, runtimeBytes)
                .isLessThanOrEqualTo(runtimeBytes + runtimeBytes / 10);
        assertThat(interfaceBytes).as("interface %d vs runtime %d bytes per write", interfaceBytes, runtimeBytes)
                .isLessThanOrEqualTo(runtimeBytes + runtimeBytes / 10);
    }

    private static long bytesPerWrite(JsonValueWriter writer) {
        for (int i = 0; i < ROUNDS; i++) {
            writer.write(SINK, ITEM);
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ROUNDS; i++) {
            writer.write(SINK, ITEM);
        }
        return (THREADS.getCurrentThreadAllocatedBytes() - before) / ROUNDS;
    }
}
