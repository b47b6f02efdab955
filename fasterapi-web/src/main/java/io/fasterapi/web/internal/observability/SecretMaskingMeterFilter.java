package io.fasterapi.web.internal.observability;

import io.fasterapi.web.internal.redaction.SecretRedactor;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks passwords in meter tag values before a meter is registered (a pool tagged with its DSN
 * becomes {@code postgres://app:***@db/shop}), so no registry the app uses, Prometheus or another,
 * ever stores them. Added to the app's registry by {@code App.metrics}; applies to meters
 * registered after that. Stateless and thread-safe.
 */
public final class SecretMaskingMeterFilter implements MeterFilter {
    @Override
    public Meter.Id map(Meter.Id id) {
        List<Tag> tags = id.getTags();
        List<Tag> masked = null;
        for (int i = 0; i < tags.size(); i++) {
            Tag t = tags.get(i);
            String value = SecretRedactor.redact(t.getValue());
            if (!value.equals(t.getValue())) {
                if (masked == null) {
                    masked = new ArrayList<>(tags);
                }
                masked.set(i, Tag.of(t.getKey(), value));
            }
        }
        return masked == null ? id : id.replaceTags(masked);
    }
}
