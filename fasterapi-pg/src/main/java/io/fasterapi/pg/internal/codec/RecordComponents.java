package io.fasterapi.pg.internal.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;

/**
 * Reads a Java record's components in declaration order, to send it as a composite value. The
 * accessors are looked up once per record class (any thread).
 */
public final class RecordComponents {
    private static final ClassValue<MethodHandle[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            MethodHandle[] handles = new MethodHandle[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    var accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    handles[i] = MethodHandles.lookup().unreflect(accessor);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the components of " + type.getName() + ": " + e, e);
            }
            return handles;
        }
    };

    private RecordComponents() {
    }

    /** The components of {@code record}, in declaration order. */
    public static Object[] values(Record record) {
        MethodHandle[] handles = ACCESSORS.get(record.getClass());
        Object[] values = new Object[handles.length];
        for (int i = 0; i < handles.length; i++) {
            try {
                values[i] = handles[i].invoke(record);
            } catch (Throwable t) {
                throw new IllegalArgumentException("reading component " + i + " of " + record.getClass().getName()
                        + " failed: " + t, t);
            }
        }
        return values;
    }
}
