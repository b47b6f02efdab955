package io.fasterapi.web.internal.binding;

import io.fasterapi.web.Omittable;
import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.UnwrapByDefault;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * Lets Jakarta Validation see into an {@link Omittable}: the constraints of
 * {@code Omittable<@NotBlank String>} (or {@code @NotBlank Omittable<String>}) apply to the value
 * the body sent, and nothing is checked when it left the property out. Stateless.
 */
@UnwrapByDefault
final class OmittableValueExtractor implements ValueExtractor<Omittable<@ExtractedValue ?>> {
    @Override
    public void extractValues(Omittable<?> originalValue, ValueReceiver receiver) {
        if (originalValue != null && originalValue.isPresent()) {
            receiver.value(null, originalValue.get());
        }
    }
}
