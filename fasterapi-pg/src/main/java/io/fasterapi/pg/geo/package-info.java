/**
 * Java values of PostgreSQL's geometric types ({@code point}, {@code line}, {@code lseg},
 * {@code box}, {@code path}, {@code polygon}, {@code circle}), sent and received in binary.
 * Immutable records, usable from any thread.
 */
package io.fasterapi.pg.geo;
