package io.fasterapi.pg;

/**
 * A value of a PostgreSQL range type ({@code int4range}, {@code int8range}, {@code numrange},
 * {@code daterange}, {@code tsrange}, {@code tstzrange} or a user-defined one). A null bound is
 * unbounded (infinite) on that side, and an unbounded side is never inclusive; an empty range has
 * no bounds. A bound may also be a value that is itself infinite, such as {@code LocalDate.MAX}
 * for the date {@code infinity}. A multirange is a {@code List<Range<T>>}.
 *
 * <p>The server canonicalises discrete ranges: {@code [1,5]} of integers comes back as
 * {@code [1,6)}. Immutable if T is; any thread.
 *
 * {@snippet :
 * pg.exec("SELECT $1::int4range @> 3", Range.closedOpen(1, 5));
 * Range<?> r = row.get("during", Range.class);
 * }
 *
 * @param lower          the lower bound, null when unbounded
 * @param upper          the upper bound, null when unbounded
 * @param lowerInclusive whether the lower bound belongs to the range
 * @param upperInclusive whether the upper bound belongs to the range
 * @param isEmpty        true for the empty range
 * @param <T> the type of the bounds
 */
public record Range<T>(T lower, T upper, boolean lowerInclusive, boolean upperInclusive, boolean isEmpty) {
    private static final Range<?> EMPTY = new Range<>(null, null, false, false, true);
    private static final Range<?> UNBOUNDED = new Range<>(null, null, false, false, false);

    public Range {
        if (isEmpty && (lower != null || upper != null)) {
            throw new IllegalArgumentException("an empty range has no bounds");
        }
        lowerInclusive &= lower != null;
        upperInclusive &= upper != null;
    }

    /** The empty range. */
    @SuppressWarnings("unchecked")
    public static <T> Range<T> empty() {
        return (Range<T>) EMPTY;
    }

    /** The range of everything, {@code (,)}. */
    @SuppressWarnings("unchecked")
    public static <T> Range<T> unbounded() {
        return (Range<T>) UNBOUNDED;
    }

    /** A range with the given bounds (null for unbounded) and inclusivity. */
    public static <T> Range<T> of(T lower, boolean lowerInclusive, T upper, boolean upperInclusive) {
        return new Range<>(lower, upper, lowerInclusive, upperInclusive, false);
    }

    /** {@code [lower,upper)}, the canonical form of discrete ranges. */
    public static <T> Range<T> closedOpen(T lower, T upper) {
        return new Range<>(lower, upper, true, false, false);
    }

    /** {@code [lower,upper]}. */
    public static <T> Range<T> closed(T lower, T upper) {
        return new Range<>(lower, upper, true, true, false);
    }

    /** The range in PostgreSQL's text form, such as {@code [1,5)} or {@code empty}. */
    @Override
    public String toString() {
        if (isEmpty) {
            return "empty";
        }
        return (lowerInclusive ? "[" : "(") + (lower == null ? "" : lower) + "," + (upper == null ? "" : upper)
                + (upperInclusive ? "]" : ")");
    }
}
