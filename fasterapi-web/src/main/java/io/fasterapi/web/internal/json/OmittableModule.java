package io.fasterapi.web.internal.json;

import io.fasterapi.web.Omittable;
import java.lang.reflect.Type;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.deser.Deserializers;
import tools.jackson.databind.deser.std.ReferenceTypeDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.std.ReferenceTypeSerializer;
import tools.jackson.databind.type.ReferenceType;
import tools.jackson.databind.type.TypeBindings;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.databind.type.TypeModifier;
import tools.jackson.databind.util.NameTransformer;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Teaches Jackson {@link Omittable}, as a reference type like {@code Optional}: its value is read
 * and written as its type argument (statically typed, so {@code Omittable<PublicUser>} writes a
 * {@code PublicUser}); a property the JSON leaves out is {@link Omittable#absent()}, {@code null} is
 * {@code Omittable.of(null)}; written, both are {@code null}, and both count as "absent" for
 * {@code NON_ABSENT} inclusion (exclude-none). Stateless.
 */
final class OmittableModule extends SimpleModule {
    OmittableModule() {
        super("fasterapi-omittable");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addTypeModifier(new AsReferenceType());
        context.addSerializers(new Serializers.Base() {
            @Override
            public ValueSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
                    BeanDescription.Supplier beanDescRef, JsonFormat.Value formatOverrides,
                    TypeSerializer contentTypeSerializer, ValueSerializer<Object> contentValueSerializer) {
                if (!type.hasRawClass(Omittable.class)) {
                    return null;
                }
                return new OmittableSerializer(type, config.isEnabled(MapperFeature.USE_STATIC_TYPING),
                        contentTypeSerializer, contentValueSerializer);
            }
        });
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public ValueDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config,
                    BeanDescription.Supplier beanDescRef, TypeDeserializer contentTypeDeserializer,
                    ValueDeserializer<?> contentDeserializer) {
                return type.hasRawClass(Omittable.class)
                        ? new OmittableDeserializer(type, contentTypeDeserializer, contentDeserializer) : null;
            }

            @Override
            public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
                return valueType == Omittable.class;
            }
        });
    }

    /** Makes {@code Omittable<T>} a {@link ReferenceType} to {@code T}. */
    private static final class AsReferenceType extends TypeModifier {
        @Override
        public JavaType modifyType(JavaType type, Type jdkType, TypeBindings context, TypeFactory typeFactory) {
            if (type.isReferenceType() || type.isContainerType() || !type.hasRawClass(Omittable.class)) {
                return type;
            }
            JavaType content = type.containedTypeOrUnknown(0);
            return ReferenceType.upgradeFrom(type, content);
        }
    }

    private static final class OmittableSerializer extends ReferenceTypeSerializer<Omittable<?>> {
        OmittableSerializer(ReferenceType fullType, boolean staticTyping, TypeSerializer vts,
                            ValueSerializer<Object> ser) {
            super(fullType, staticTyping, vts, ser);
        }

        private OmittableSerializer(OmittableSerializer base, BeanProperty property, TypeSerializer vts,
                                    ValueSerializer<?> valueSer, NameTransformer unwrapper, Object suppressableValue,
                                    boolean suppressNulls) {
            super(base, property, vts, valueSer, unwrapper, suppressableValue, suppressNulls);
        }

        @Override
        protected ReferenceTypeSerializer<Omittable<?>> withResolved(BeanProperty prop, TypeSerializer vts,
                ValueSerializer<?> valueSer, NameTransformer unwrapper) {
            return new OmittableSerializer(this, prop, vts, valueSer, unwrapper, _suppressableValue, _suppressNulls);
        }

        @Override
        public ReferenceTypeSerializer<Omittable<?>> withContentInclusion(Object suppressableValue,
                                                                         boolean suppressNulls) {
            return new OmittableSerializer(this, _property, _valueTypeSerializer, _valueSerializer, _unwrapper,
                    suppressableValue, suppressNulls);
        }

        @Override
        protected boolean _isValuePresent(Omittable<?> value) {
            return value.isPresent();
        }

        @Override
        protected Object _getReferenced(Omittable<?> value) {
            return value.get();
        }

        @Override
        protected Object _getReferencedIfPresent(Omittable<?> value) {
            return value.orElse(null);
        }
    }

    private static final class OmittableDeserializer extends ReferenceTypeDeserializer<Omittable<?>> {
        OmittableDeserializer(JavaType fullType, TypeDeserializer typeDeser, ValueDeserializer<?> deser) {
            super(fullType, null, typeDeser, deser);
        }

        @Override
        protected ReferenceTypeDeserializer<Omittable<?>> withResolved(TypeDeserializer typeDeser,
                                                                       ValueDeserializer<?> valueDeser) {
            return new OmittableDeserializer(_fullType, typeDeser, valueDeser);
        }

        @Override
        public Omittable<?> getNullValue(DeserializationContext ctxt) {
            return Omittable.of(null); // the JSON said null
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Omittable.absent(); // the JSON left the property out
        }

        @Override
        public Object getEmptyValue(DeserializationContext ctxt) {
            return Omittable.absent();
        }

        @Override
        public Omittable<?> referenceValue(Object contents) {
            return Omittable.of(contents);
        }

        @Override
        public Omittable<?> updateReference(Omittable<?> reference, Object contents) {
            return Omittable.of(contents);
        }

        @Override
        public Object getReferenced(Omittable<?> reference) {
            return reference.orElse(null);
        }
    }
}
