package io.fasterapi.web.internal.convert;

import io.fasterapi.web.internal.errors.InvalidValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The simple types FastAPI reads from request text, with pydantic v2's lax-mode rules and error
 * messages ({@code int_parsing}, {@code bool_parsing}, {@code enum}...). A type without a converter
 * here is not simple: by FastAPI's rules it is a body.
 */
public final class ScalarConverters {
    public static final String INT_MSG = "Input should be a valid integer, unable to parse string as an integer";
    static final String FLOAT_MSG = "Input should be a valid number, unable to parse string as a number";
    static final String BOOL_MSG = "Input should be a valid boolean, unable to interpret input";
    /**
     * Not a pydantic error type: FasterAPI's own, for a string holding U+0000. PostgreSQL cannot store
     * NUL in text (it would fail the query with a 500 much later), so a string parameter with one is
     * invalid input, answered at binding time like any other (issue 7).
     */
    public static final String NUL_TYPE = "string_contains_nul";
    public static final String NUL_MSG = "String should not contain the NUL character (U+0000)";

    private ScalarConverters() {
    }

    /**
     * Parses a date, time, UUID... of each kind once, failures included, so that their classes are initialised.
     * The first parses initialise java.time's parsing classes; done by many virtual threads at once (the
     * binding fuzzer's first dates) they wait on each other in a class initialiser and pin their carriers. The
     * start's warm-up calls it, on a platform thread, before handlers on virtual threads run.
     */
    public static void warmUp() {
        LocalDate.parse("2000-01-01");
        LocalDateTime.parse("2000-01-01T00:00:00");
        OffsetDateTime.parse("2000-01-01T00:00:00Z");
        ZonedDateTime.parse("2000-01-01T00:00:00Z");
        Instant.parse("2000-01-01T00:00:00Z");
        LocalTime.parse("00:00");
        Duration.parse("PT1S");
        try {
            LocalDate.parse("2000-13-01");
        } catch (DateTimeParseException expected) {
            // initialises the failure path too
        }
        // pydantic's readers, their success and failure paths, loaded here for the same reason
        for (String s : new String[] {"2000-01-01", "2000-01-01T00:00:00Z", "2000-13-01", "x"}) {
            try {
                PydanticTime.date(s);
                PydanticTime.offsetDateTime(s);
            } catch (InvalidValue expected) {
                // the failure path
            }
        }
        for (String s : new String[] {"00000000-0000-0000-0000-000000000000", "x"}) {
            try {
                parseUuid(s);
            } catch (InvalidValue expected) {
                // the failure path
            }
        }
    }

    /** Whether {@code type} is simple: it has a converter. */
    public static boolean isScalar(Class<?> type) {
        return forType(type) != null;
    }

    /** The converter for {@code type}, or null when it is not a simple type. */
    public static StringConverter forType(Class<?> type) {
        if (type == String.class || type == CharSequence.class) {
            return ScalarConverters::text;
        }
        if (type == int.class || type == Integer.class) {
            return s -> (int) parseLong(s, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return s -> parseLong(s, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == short.class || type == Short.class) {
            return s -> (short) parseLong(s, Short.MIN_VALUE, Short.MAX_VALUE);
        }
        if (type == byte.class || type == Byte.class) {
            return s -> (byte) parseLong(s, Byte.MIN_VALUE, Byte.MAX_VALUE);
        }
        if (type == double.class || type == Double.class) {
            return ScalarConverters::parseDouble;
        }
        if (type == float.class || type == Float.class) {
            return s -> (float) parseDouble(s);
        }
        if (type == boolean.class || type == Boolean.class) {
            return ScalarConverters::parseBoolean;
        }
        if (type == BigDecimal.class) {
            return s -> {
                try {
                    return new BigDecimal(s.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidValue("decimal_parsing", "Input should be a valid decimal");
                }
            };
        }
        if (type == BigInteger.class) {
            return s -> {
                try {
                    return new BigInteger(s.strip());
                } catch (NumberFormatException e) {
                    throw new InvalidValue("int_parsing", INT_MSG);
                }
            };
        }
        if (type == UUID.class) {
            return ScalarConverters::parseUuid;
        }
        if (type.isEnum()) {
            return enumConverter(type);
        }
        if (type == LocalDate.class) {
            return PydanticTime::date;
        }
        if (type == LocalDateTime.class) {
            return PydanticTime::localDateTime;
        }
        if (type == OffsetDateTime.class) {
            return PydanticTime::offsetDateTime;
        }
        if (type == ZonedDateTime.class) {
            return PydanticTime::zonedDateTime;
        }
        if (type == Instant.class) {
            return PydanticTime::instant;
        }
        if (type == LocalTime.class) {
            return PydanticTime::time;
        }
        if (type == Duration.class) {
            return s -> time(s, Duration::parse, "duration_parsing", "Input should be a valid duration");
        }
        return null;
    }

    /**
     * Whether pydantic also reads {@code type} from a JSON number: the date and time types (a Unix
     * timestamp, or seconds since midnight for a time).
     */
    public static boolean readsNumbers(Class<?> type) {
        return type == LocalDate.class || type == LocalDateTime.class || type == OffsetDateTime.class
                || type == ZonedDateTime.class || type == Instant.class || type == LocalTime.class;
    }

    /**
     * The value of {@code type} (one {@link #readsNumbers} accepts) for a JSON number, with pydantic's
     * rules and errors; {@code n} is an integral type or {@code BigInteger} for a JSON integer, and read
     * as a float otherwise (NaN and the infinities included).
     */
    public static Object fromNumber(Class<?> type, Number n) throws InvalidValue {
        return PydanticTime.fromNumber(type, n);
    }

    /** {@code s} itself unless it holds U+0000 ({@link #NUL_TYPE}); an intrinsic scan, no allocation. */
    static String text(String s) throws InvalidValue {
        if (s.indexOf(0) >= 0) {
            throw new InvalidValue(NUL_TYPE, NUL_MSG);
        }
        return s;
    }

    // A well-formed integer beyond the type's range is pydantic's ge/le error for the type's bounds
    // (IntegralBounds), never a parsing error.
    static long parseLong(String s, long min, long max) throws InvalidValue {
        String t = s.strip();
        String digits = t.indexOf('_') >= 0 ? t.replace("_", "") : t;
        long v;
        try {
            v = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            v = integralDecimal(digits, min, max); // pydantic accepts "3.0" for an int
        }
        if (v < min || v > max) {
            throw IntegralBounds.typeBound(min, max, v > max);
        }
        return v;
    }

    // Never expands the number: "1e999999999" is judged by its digit count, not built. An exponent is
    // not an integer's text for pydantic (int_parsing); a zero fraction is ("3.0").
    private static long integralDecimal(String t, long min, long max) throws InvalidValue {
        if (t.indexOf('e') >= 0 || t.indexOf('E') >= 0) {
            throw new InvalidValue("int_parsing", INT_MSG);
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new InvalidValue("int_parsing", INT_MSG);
        }
        if (d.signum() != 0 && d.precision() - d.scale() > 19) {
            throw IntegralBounds.typeBound(min, max, d.signum() > 0);
        }
        try {
            BigInteger big = d.toBigIntegerExact();
            if (big.bitLength() > 63) {
                throw IntegralBounds.typeBound(min, max, big.signum() > 0);
            }
            return big.longValue();
        } catch (ArithmeticException fractional) {
            throw new InvalidValue("int_parsing", INT_MSG);
        }
    }

    static double parseDouble(String s) throws InvalidValue {
        String t = s.strip();
        Double special = nonFinite(t);
        if (special != null) {
            return special;
        }
        if (t.isEmpty() || t.endsWith("d") || t.endsWith("D") || t.endsWith("f") || t.endsWith("F")
                || t.startsWith("0x") || t.startsWith("0X")) {
            throw new InvalidValue("float_parsing", FLOAT_MSG);
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidValue("float_parsing", FLOAT_MSG);
        }
    }

    /**
     * The NaN or infinity {@code text} spells as pydantic-core reads text into a float (as Rust's {@code f64}
     * parses: {@code nan}, {@code inf}, {@code infinity}, in any case, with a sign), or null.
     */
    public static Double nonFinite(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> null;
        };
    }

    static Boolean parseBoolean(String s) throws InvalidValue {
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "1", "on", "t", "true", "y", "yes" -> {
                return Boolean.TRUE;
            }
            case "0", "off", "f", "false", "n", "no" -> {
                return Boolean.FALSE;
            }
            default -> throw new InvalidValue("bool_parsing", BOOL_MSG);
        }
    }

    static UUID parseUuid(String s) throws InvalidValue {
        return PydanticUuid.parse(s);
    }

    private static StringConverter enumConverter(Class<?> type) {
        return EnumValues.converter(type);
    }

    /** Enum-error metadata for JSON body checks. */
    static String enumExpected(Class<?> type) {
        try {
            enumConverter(type).convert("\u0000");
        } catch (InvalidValue e) {
            return (String) e.ctx().get("expected");
        }
        return "";
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(CharSequence s);
    }

    private static Object time(String s, Parser<?> parser, String type, String prefix) throws InvalidValue {
        String t = s.strip();
        try {
            return parser.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidValue(type, prefix + ", " + speedateReason(t, e), Map.of("error", speedateReason(t, e)));
        }
    }

    // Approximates the reasons of pydantic's date parser (speedate) from where java.time stopped.
    private static String speedateReason(String t, DateTimeParseException e) {
        if (t.isEmpty() || t.length() < 5) {
            return "input is too short";
        }
        if (e.getErrorIndex() > 0 && e.getErrorIndex() >= t.length()) {
            return "input is too short";
        }
        if (e.getMessage() != null && e.getMessage().contains("Invalid value")) {
            return "value is outside expected range";
        }
        if (e.getMessage() != null && e.getMessage().contains("unparsed text")) {
            return "unexpected extra characters at the end of the input";
        }
        return "invalid character";
    }
}
