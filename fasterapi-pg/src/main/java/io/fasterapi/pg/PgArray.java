package io.fasterapi.pg;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A PostgreSQL array with its exact shape: dimensions, the lower bound of each dimension and the
 * elements in row-major order. Arrays whose lower bounds are all 1 (the default) are read as plain
 * Java arrays ({@code Integer[]}, {@code String[][]}...); an array with any other lower bound, such
 * as {@code '[0:2]={1,2,3}'}, is read as a PgArray so the bounds are not lost. Send a PgArray to
 * choose the bounds yourself. Immutable (its elements are as immutable as they are); any thread.
 *
 * {@snippet :
 * pg.exec("SELECT $1::int[]", PgArray.of(new int[] {3}, new int[] {0}, 10, 20, 30)); // '[0:2]={10,20,30}'
 * }
 */
public final class PgArray {
    /** PostgreSQL's limit on dimensions ({@code MAXDIM} in utils/array.h). */
    public static final int MAX_DIMENSIONS = 6;

    private final int[] dimensions;
    private final int[] lowerBounds;
    private final Object[] elements;

    private PgArray(int[] dimensions, int[] lowerBounds, Object[] elements) {
        if (dimensions.length != lowerBounds.length) {
            throw new IllegalArgumentException(dimensions.length + " dimensions but " + lowerBounds.length
                    + " lower bounds");
        }
        if (dimensions.length > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("PostgreSQL arrays have at most " + MAX_DIMENSIONS + " dimensions");
        }
        long count = dimensions.length == 0 ? 0 : 1;
        for (int d : dimensions) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d);
            }
            count *= d;
        }
        if (count != elements.length) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dimensions) + " hold " + count
                    + " elements, not " + elements.length);
        }
        this.dimensions = dimensions;
        this.lowerBounds = lowerBounds;
        this.elements = elements;
    }

    /** An array of these dimensions and lower bounds, with the elements in row-major order. */
    public static PgArray of(int[] dimensions, int[] lowerBounds, Object... elements) {
        return new PgArray(dimensions.clone(), lowerBounds.clone(), elements.clone());
    }

    /** The size of each dimension (empty for an empty array). */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /** The lower bound of each dimension. */
    public int[] lowerBounds() {
        return lowerBounds.clone();
    }

    /** The elements in row-major order (null for NULL elements). */
    public List<Object> elements() {
        return Collections.unmodifiableList(Arrays.asList(elements));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PgArray a && Arrays.equals(dimensions, a.dimensions)
                && Arrays.equals(lowerBounds, a.lowerBounds) && Arrays.deepEquals(elements, a.elements);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dimensions) * 31 + Arrays.hashCode(lowerBounds) * 17 + Arrays.deepHashCode(elements);
    }

    /** Bounds and elements, such as {@code [0:2]=[10, 20, 30]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dimensions.length; i++) {
            sb.append('[').append(lowerBounds[i]).append(':').append(lowerBounds[i] + dimensions[i] - 1).append(']');
        }
        return sb.append('=').append(Arrays.deepToString(elements)).toString();
    }
}
