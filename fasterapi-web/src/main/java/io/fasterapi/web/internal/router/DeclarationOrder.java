package io.fasterapi.web.internal.router;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Route methods in the order they are written in the source, so the OpenAPI document lists operations
 * as the author declared them (FastAPI keeps registration order). Reflection's {@code getMethods()}
 * order is unspecified, but javac writes a class's methods in source order, so the order is read from
 * the class file's {@code methods} table (JVMS §4.1, §4.4, §4.6): the constant pool is walked only to
 * find the name and descriptor strings. A superclass's methods come before its subclass's. Methods of a
 * class whose class file cannot be read (generated at run time, or an unknown format) follow, by name.
 *
 * <p>Runs at startup, on the thread compiling the routes.
 */
final class DeclarationOrder {
    private static final int MAGIC = 0xCAFEBABE;

    private DeclarationOrder() {
    }

    /** {@code methods} sorted by declaring class (superclass first), then by position in its class file. */
    static Method[] sort(Method[] methods) {
        Map<Class<?>, Map<String, Integer>> positions = new HashMap<>();
        Comparator<Method> order = Comparator
                .comparingInt((Method m) -> depth(m.getDeclaringClass()))
                .thenComparing(m -> m.getDeclaringClass().getName())
                .thenComparingInt(m -> positions.computeIfAbsent(m.getDeclaringClass(), DeclarationOrder::read)
                        .getOrDefault(key(m), Integer.MAX_VALUE))
                .thenComparing(Method::getName)
                .thenComparing(m -> key(m));
        Method[] sorted = methods.clone();
        Arrays.sort(sorted, order);
        return sorted;
    }

    private static int depth(Class<?> c) {
        int d = 0;
        for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
            d++;
        }
        return d;
    }

    private static String key(Method m) {
        return m.getName() + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString();
    }

    /** Name + descriptor of each method of {@code c} → its index in the class file; empty when unreadable. */
    private static Map<String, Integer> read(Class<?> c) {
        String resource = c.getName().replace('.', '/') + ".class";
        ClassLoader loader = c.getClassLoader() != null ? c.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Map.of() : methodPositions(new DataInputStream(in));
        } catch (IOException | RuntimeException e) {
            return Map.of(); // falls back to name order
        }
    }

    static Map<String, Integer> methodPositions(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            return Map.of();
        }
        in.readUnsignedShort(); // minor_version
        in.readUnsignedShort(); // major_version
        String[] utf8 = readConstantPool(in);
        in.readUnsignedShort(); // access_flags
        in.readUnsignedShort(); // this_class
        in.readUnsignedShort(); // super_class
        in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
        skipMembers(in); // fields
        int count = in.readUnsignedShort();
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort(); // access_flags
            String name = utf8[in.readUnsignedShort()];
            String descriptor = utf8[in.readUnsignedShort()];
            skipAttributes(in);
            names.add(name + descriptor);
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            positions.putIfAbsent(names.get(i), i);
        }
        return positions;
    }

    /** The pool's CONSTANT_Utf8 entries by index (others null); JVMS §4.4. */
    private static String[] readConstantPool(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF(); // Utf8: u2 length + modified UTF-8, as readUTF reads it
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> { // Long, Double take two entries
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return utf8;
    }

    private static void skipMembers(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.skipNBytes(6); // access_flags, name_index, descriptor_index
            skipAttributes(in);
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int i = 0; i < count; i++) {
            in.readUnsignedShort(); // attribute_name_index
            in.skipNBytes(Integer.toUnsignedLong(in.readInt()));
        }
    }
}
