package io.fasterapi.pg;

/**
 * A result column: its name and the OID of its type (as in {@code pg_type}).
 *
 * @param name    column name (or alias) as the server reports it
 * @param typeOid type OID
 */
public record Column(String name, int typeOid) {
}
