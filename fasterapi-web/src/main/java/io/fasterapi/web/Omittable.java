package io.fasterapi.web;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A value that a JSON body may leave out, send as {@code null}, or send: the three states a partial
 * update (PATCH) must tell apart, which pydantic tracks as a model's "fields set" and FastAPI reads
 * with {@code item.model_dump(exclude_unset=True)}. Use it as a record component:
 *
 * {@snippet :
 * public record ItemPatch(Omittable<@NotBlank String> name, Omittable<String> description) {}
 *
 * @Patch("/items/{id}")
 * public Item update(int id, @Body @Valid ItemPatch patch, Pg pg) {
 *     Item old = load(id, pg);
 *     Item updated = new Item(id, patch.name().orElse(old.name()),          // left out: unchanged
 *             patch.description().orElse(old.description()));             // null: set to null
 *     ...
 * }
 * }
 *
 * <p>Reading a body, a property the JSON leaves out is {@link #absent()}, {@code null} is
 * {@code Omittable.of(null)}, and any other value is read as {@code T} (and validated as {@code T}:
 * constraints on the type argument apply to a sent value). Such a component is never required, and
 * OpenAPI documents it as {@code T} or null. Writing a response, an absent value is written as
 * {@code null}, or left out when the route excludes unset values ({@code excludeUnset}, FastAPI's
 * {@code response_model_exclude_unset=True}) or null ones ({@code excludeNone}).
 *
 * <p>Immutable; equal when both are absent or both hold equal values.
 *
 * @param <T> the type of the value when present
 */
public final class Omittable<T> {
    private static final Omittable<?> ABSENT = new Omittable<>(false, null);

    private final boolean present;
    private final T value;

    private Omittable(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    /** A value the body left out. */
    @SuppressWarnings("unchecked")
    public static <T> Omittable<T> absent() {
        return (Omittable<T>) ABSENT;
    }

    /** A value the body sent: {@code value}, which is {@code null} when the body sent {@code null}. */
    public static <T> Omittable<T> of(T value) {
        return new Omittable<>(true, value);
    }

    /** Whether the body sent the value (possibly {@code null}). */
    public boolean isPresent() {
        return present;
    }

    /** Whether the body left the value out. */
    public boolean isAbsent() {
        return !present;
    }

    /** The value sent, possibly {@code null}; throws {@link NoSuchElementException} when absent. */
    public T get() {
        if (!present) {
            throw new NoSuchElementException("the value was not sent");
        }
        return value;
    }

    /** The value sent (possibly {@code null}), or {@code other} when absent: a PATCH's "sent or unchanged". */
    public T orElse(T other) {
        return present ? value : other;
    }

    /** Runs {@code action} with the value sent (possibly {@code null}); does nothing when absent. */
    public void ifPresent(Consumer<? super T> action) {
        if (present) {
            action.accept(value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Omittable<?> other && other.present == present && Objects.equals(other.value, value);
    }

    @Override
    public int hashCode() {
        return present ? 31 + Objects.hashCode(value) : 0;
    }

    @Override
    public String toString() {
        return present ? "Omittable[" + value + "]" : "Omittable.absent";
    }
}
