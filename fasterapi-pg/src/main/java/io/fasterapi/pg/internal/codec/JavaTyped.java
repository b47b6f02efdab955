package io.fasterapi.pg.internal.codec;

/**
 * A codec that names the Java class of the values it decodes, so arrays of its type can be created
 * with that element class ({@code Interval[]} rather than {@code Object[]}).
 */
interface JavaTyped {
    /** The class every non-null value of {@code oid} decodes to. */
    Class<?> javaType(int oid);
}
