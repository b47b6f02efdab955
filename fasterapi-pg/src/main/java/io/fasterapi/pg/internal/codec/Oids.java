package io.fasterapi.pg.internal.codec;

/** OIDs of the built-in types (fixed in {@code pg_type.dat}; never those of extension types). */
public final class Oids {
    public static final int UNSPECIFIED = 0;
    public static final int BOOL = 16;
    public static final int BYTEA = 17;
    public static final int CHAR = 18;
    public static final int NAME = 19;
    public static final int INT8 = 20;
    public static final int INT2 = 21;
    public static final int INT4 = 23;
    public static final int TEXT = 25;
    public static final int OID = 26;
    public static final int JSON = 114;
    public static final int XML = 142;
    public static final int FLOAT4 = 700;
    public static final int FLOAT8 = 701;
    public static final int UNKNOWN = 705;
    public static final int BPCHAR = 1042;
    public static final int VARCHAR = 1043;
    public static final int DATE = 1082;
    public static final int TIME = 1083;
    public static final int TIMESTAMP = 1114;
    public static final int TIMESTAMPTZ = 1184;
    public static final int INTERVAL = 1186;
    public static final int TIMETZ = 1266;
    public static final int NUMERIC = 1700;
    public static final int UUID = 2950;
    public static final int JSONB = 3802;

    // Types added with the codecs of the remaining built-in families.
    public static final int POINT = 600;
    public static final int LSEG = 601;
    public static final int PATH = 602;
    public static final int BOX = 603;
    public static final int POLYGON = 604;
    public static final int LINE = 628;
    public static final int CIDR = 650;
    public static final int CIRCLE = 718;
    public static final int MACADDR8 = 774;
    public static final int MONEY = 790;
    public static final int MACADDR = 829;
    public static final int INET = 869;
    public static final int BIT = 1560;
    public static final int VARBIT = 1562;
    public static final int RECORD = 2249;
    public static final int RECORD_ARRAY = 2287;
    public static final int INT4RANGE = 3904;
    public static final int NUMRANGE = 3906;
    public static final int TSRANGE = 3908;
    public static final int TSTZRANGE = 3910;
    public static final int DATERANGE = 3912;
    public static final int INT8RANGE = 3926;
    public static final int INT4MULTIRANGE = 4451;
    public static final int NUMMULTIRANGE = 4532;
    public static final int TSMULTIRANGE = 4533;
    public static final int TSTZMULTIRANGE = 4534;
    public static final int DATEMULTIRANGE = 4535;
    public static final int INT8MULTIRANGE = 4536;
    /**
     * OIDs below this are assigned by initdb (FirstGenbkiObjectId in access/transam.h); types at or
     * above it (extensions, enums, composites, domains) differ per database and are looked up.
     */
    public static final int FIRST_PER_DATABASE = 10_000;

    private Oids() {
    }

    /** A readable name for error messages. */
    public static String name(int oid) {
        return switch (oid) {
            case BOOL -> "boolean";
            case BYTEA -> "bytea";
            case CHAR -> "\"char\"";
            case NAME -> "name";
            case INT8 -> "bigint";
            case INT2 -> "smallint";
            case INT4 -> "integer";
            case TEXT -> "text";
            case OID -> "oid";
            case JSON -> "json";
            case FLOAT4 -> "real";
            case FLOAT8 -> "double precision";
            case UNKNOWN -> "unknown";
            case BPCHAR -> "character";
            case VARCHAR -> "character varying";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case INTERVAL -> "interval";
            case TIMETZ -> "timetz";
            case NUMERIC -> "numeric";
            case UUID -> "uuid";
            case JSONB -> "jsonb";
            default -> "type oid " + oid;
        };
    }
}
