package io.fasterapi.web.internal.binding;

import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.UnwrapByDefault;
import jakarta.validation.valueextraction.ValueExtractor;
import java.util.Optional;

/**
 * Lets a constraint on an {@code Optional} constrain the value inside, as it does when written on
 * the type argument: {@code @Size(min = 3) Optional<String> q} means
 * {@code Optional<@Size(min = 3) String> q}, FastAPI's {@code q: str | None = Query(None, min_length=3)}.
 * Hibernate Validator's own extractor for {@code Optional} does not unwrap by default (it fails at the
 * first request with "no validator for Optional"); registering this one replaces it. An empty
 * {@code Optional} holds null, which the built-in constraints accept.
 */
@UnwrapByDefault
final class OptionalUnwrapping implements ValueExtractor<Optional<@ExtractedValue ?>> {
    @Override
    public void extractValues(Optional<?> originalValue, ValueReceiver receiver) {
        receiver.value(null, originalValue.orElse(null));
    }
}
