package io.fasterapi.web.internal.router;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
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
        Method[] sorted = methods.clone();
        // a comparator written out: Comparator's combinators spin lambda classes at startup
        Arrays.sort(sorted, (a, b) -> compare(a, b, positions));
        return sorted;
    }

    private static int compare(Method a, Method b, Map<Class<?>, Map<String, Integer>> positions) {
        Class<?> ca = a.getDeclaringClass();
        Class<?> cb = b.getDeclaringClass();
        if (ca != cb) {
            int byDepth = Integer.compare(depth(ca), depth(cb));
            return byDepth != 0 ? byDepth : ca.getName().compareTo(cb.getName());
        }
        String ka = key(a);
        String kb = key(b);
        Map<String, Integer> inClass = positions.computeIfAbsent(ca, DeclarationOrder::read);
        int byPosition = Integer.compare(inClass.getOrDefault(ka, Integer.MAX_VALUE),
                inClass.getOrDefault(kb, Integer.MAX_VALUE));
        if (byPosition != 0) {
            return byPosition;
        }
        int byName = a.getName().compareTo(b.getName());
        return byName != 0 ? byName : ka.compareTo(kb);
    }

    private static int depth(Class<?> c) {
        int d = 0;
        for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
            d++;
        }
        return d;
    }

    /** Name + JVM descriptor, as the class file's methods table has them. */
    private static String key(Method m) {
        StringBuilder k = new StringBuilder(m.getName()).append('(');
        for (Class<?> p : m.getParameterTypes()) {
            k.append(p.descriptorString());
        }
        return k.append(')').append(m.getReturnType().descriptorString()).toString();
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
