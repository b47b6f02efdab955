package io.fasterapi.web.internal.json;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.jdk.NumberSerializers;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes NaN and ±Infinity of {@code double}, {@code float}, their boxes and their arrays as JSON
 * {@code null}, as pydantic 2 does by default ({@code ser_json_inf_nan='null'}, like JavaScript's
 * {@code JSON.stringify}). JSON has no such numbers, and Jackson's default, the strings
 * {@code "NaN"} and {@code "Infinity"}, breaks every client that reads the schema's {@code number}.
 * A finite value is written exactly as Jackson writes it.
 */
final class NonFiniteAsNullModule extends SimpleModule {
    NonFiniteAsNullModule() {
        super("fasterapi-non-finite-as-null");
        addSerializer(Double.class, new DoubleAsNull(Double.class));
        addSerializer(Double.TYPE, new DoubleAsNull(Double.TYPE));
        addSerializer(Float.class, new FloatAsNull());
        addSerializer(Float.TYPE, new FloatAsNull());
        addSerializer(double[].class, new DoubleArrayAsNulls());
        addSerializer(float[].class, new FloatArrayAsNulls());
    }

    private static final class DoubleAsNull extends NumberSerializers.DoubleSerializer {
        DoubleAsNull(Class<?> type) {
            super(type);
        }

        @Override
        public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
            double d = (Double) value;
            if (Double.isFinite(d)) {
                gen.writeNumber(d);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class FloatAsNull extends NumberSerializers.FloatSerializer {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
            float f = (Float) value;
            if (Float.isFinite(f)) {
                gen.writeNumber(f);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class DoubleArrayAsNulls extends StdSerializer<double[]> {
        DoubleArrayAsNulls() {
            super(double[].class);
        }

        @Override
        public void serialize(double[] values, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
            gen.writeStartArray(values, values.length);
            for (double d : values) {
                if (Double.isFinite(d)) {
                    gen.writeNumber(d);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }

    private static final class FloatArrayAsNulls extends StdSerializer<float[]> {
        FloatArrayAsNulls() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] values, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
            gen.writeStartArray(values, values.length);
            for (float f : values) {
                if (Float.isFinite(f)) {
                    gen.writeNumber(f);
                } else {
                    gen.writeNull();
                }
            }
            gen.writeEndArray();
        }
    }
}
