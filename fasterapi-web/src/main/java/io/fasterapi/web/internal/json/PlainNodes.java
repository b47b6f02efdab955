package io.fasterapi.web.internal.json;

import java.lang.invoke.MethodHandle;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.SerializedString;

/**
 * The writers {@link PlainJson} builds for a plain type: one node per type (a scalar, a collection, a record),
 * a record's components read through method handles. Each writes what Jackson databind writes for the same
 * value: NaN and ±Infinity as null ({@link NonFiniteAsNullModule}), a null element or component as null.
 */
final class PlainNodes {
    private PlainNodes() {
    }

    /** How values of one type are written; the value is never null. */
    abstract static class Node {
        abstract void write(JsonGenerator g, Object value);
    }

    static final class StringNode extends Node {
        static final StringNode INSTANCE = new StringNode();

        @Override
        void write(JsonGenerator g, Object value) {
            g.writeString((String) value);
        }
    }

    static final class IntNode extends Node {
        static final IntNode INSTANCE = new IntNode();

        @Override
        void write(JsonGenerator g, Object value) {
            g.writeNumber(((Integer) value).intValue());
        }
    }

    static final class LongNode extends Node {
        static final LongNode INSTANCE = new LongNode();

        @Override
        void write(JsonGenerator g, Object value) {
            g.writeNumber(((Long) value).longValue());
        }
    }

    static final class BooleanNode extends Node {
        static final BooleanNode INSTANCE = new BooleanNode();

        @Override
        void write(JsonGenerator g, Object value) {
            g.writeBoolean((Boolean) value);
        }
    }

    static final class DoubleNode extends Node {
        static final DoubleNode INSTANCE = new DoubleNode();

        @Override
        void write(JsonGenerator g, Object value) {
            write(g, ((Double) value).doubleValue());
        }

        static void write(JsonGenerator g, double d) {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull();
            }
        }
    }

    static final class FloatNode extends Node {
        static final FloatNode INSTANCE = new FloatNode();

        @Override
        void write(JsonGenerator g, Object value) {
            write(g, ((Float) value).floatValue());
        }

        static void write(JsonGenerator g, float f) {
            if (Float.isFinite(f)) {
                g.writeNumber(f);
            } else {
                g.writeNull();
            }
        }
    }

    /** A list, set or collection: a JSON array in iteration order. */
    static final class ManyNode extends Node {
        private final Node element;

        ManyNode(Node element) {
            this.element = element;
        }

        @Override
        void write(JsonGenerator g, Object value) {
            g.writeStartArray();
            if (value instanceof List<?> list && value instanceof RandomAccess) {
                for (int i = 0, n = list.size(); i < n; i++) {
                    writeElement(g, list.get(i));
                }
            } else {
                for (Object e : (Collection<?>) value) {
                    writeElement(g, e);
                }
            }
            g.writeEndArray();
        }

        private void writeElement(JsonGenerator g, Object e) {
            if (e == null) {
                g.writeNull();
            } else {
                element.write(g, e);
            }
        }
    }

    /** A plain record: a JSON object of its components, in declaration order. */
    static final class RecordNode extends Node {
        private final SerializedString[] names;
        private final Component[] components;

        RecordNode(SerializedString[] names, Component[] components) {
            this.names = names;
            this.components = components;
        }

        @Override
        void write(JsonGenerator g, Object value) {
            g.writeStartObject();
            for (int i = 0; i < components.length; i++) {
                g.writeName(names[i]);
                components[i].write(g, value);
            }
            g.writeEndObject();
        }
    }

    /** Reads one component of a record and writes it. */
    abstract static class Component {
        final MethodHandle accessor; // (Object) -> the component's type, or Object

        Component(MethodHandle accessor) {
            this.accessor = accessor;
        }

        abstract void write(JsonGenerator g, Object record);

        static RuntimeException rethrow(Throwable t) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t); // accessors declare no checked exception
        }
    }

    static final class IntComponent extends Component {
        IntComponent(MethodHandle accessor) {
            super(accessor);
        }

        @Override
        void write(JsonGenerator g, Object record) {
            try {
                g.writeNumber((int) accessor.invokeExact(record));
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    static final class LongComponent extends Component {
        LongComponent(MethodHandle accessor) {
            super(accessor);
        }

        @Override
        void write(JsonGenerator g, Object record) {
            try {
                g.writeNumber((long) accessor.invokeExact(record));
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    static final class BooleanComponent extends Component {
        BooleanComponent(MethodHandle accessor) {
            super(accessor);
        }

        @Override
        void write(JsonGenerator g, Object record) {
            try {
                g.writeBoolean((boolean) accessor.invokeExact(record));
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    static final class DoubleComponent extends Component {
        DoubleComponent(MethodHandle accessor) {
            super(accessor);
        }

        @Override
        void write(JsonGenerator g, Object record) {
            double d;
            try {
                d = (double) accessor.invokeExact(record);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            DoubleNode.write(g, d);
        }
    }

    static final class FloatComponent extends Component {
        FloatComponent(MethodHandle accessor) {
            super(accessor);
        }

        @Override
        void write(JsonGenerator g, Object record) {
            float f;
            try {
                f = (float) accessor.invokeExact(record);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            FloatNode.write(g, f);
        }
    }

    static final class ObjectComponent extends Component {
        private final Node node;

        ObjectComponent(MethodHandle accessor, Node node) {
            super(accessor);
            this.node = node;
        }

        @Override
        void write(JsonGenerator g, Object record) {
            Object v;
            try {
                v = (Object) accessor.invokeExact(record);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            if (v == null) {
                g.writeNull();
            } else {
                node.write(g, v);
            }
        }
    }
}
