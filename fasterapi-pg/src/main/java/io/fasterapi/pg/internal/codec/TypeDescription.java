package io.fasterapi.pg.internal.codec;

import java.util.List;

/**
 * What the catalog says about one type whose OID is assigned per database (a row of the
 * connection's pg_type lookup): enough to build its codec.
 *
 * @param oid             the type's OID
 * @param name            pg_type.typname (extension codecs such as hstore are found by it)
 * @param kind            pg_type.typtype: b base, c composite, d domain, e enum, r range, m multirange
 * @param category        pg_type.typcategory ('A' for arrays)
 * @param elementType     pg_type.typelem, or 0
 * @param baseType        pg_type.typbasetype of a domain, or 0
 * @param rangeSubtype    pg_range.rngsubtype of a range, or 0
 * @param multirangeRange the range type of a multirange, or 0
 * @param fieldNames      a composite's attribute names, in order (empty otherwise)
 * @param fieldTypes      a composite's attribute types, in order (empty otherwise)
 */
public record TypeDescription(int oid, String name, char kind, char category, int elementType, int baseType,
        int rangeSubtype, int multirangeRange, List<String> fieldNames, int[] fieldTypes) {
}
