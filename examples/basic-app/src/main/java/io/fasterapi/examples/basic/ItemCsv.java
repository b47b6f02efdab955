package io.fasterapi.examples.basic;

import io.fasterapi.pg.CopyIn;
import io.fasterapi.web.HttpException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CSV import of {@code /items/bulk}: reads rows {@code name,price} (RFC 4180 quoting) as they
 * arrive, checks each as an {@link ItemCreate} with the same Jakarta constraints as a JSON body, and
 * writes the good ones to a COPY. Invalid rows become FastAPI's 422, {@code loc} being
 * {@code ["body", row, field]} with the row counted from 0 as in a JSON list body; the first
 * {@value #MAX_ERRORS} are reported and nothing is loaded (the caller aborts the COPY). One row is
 * held at a time, so any size streams in bounded memory.
 */
final class ItemCsv {
    /** Errors reported before reading stops: enough to fix a file, not a 1 GB echo of it. */
    static final int MAX_ERRORS = 20;
    private static final int FLUSH_AT = 64 * 1024;
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private final Validator validator;
    private final Reader in;
    private final char[] chars = new char[8192];
    private int charAt;
    private int charCount;
    private final CopyIn out;
    private final StringBuilder pending = new StringBuilder(FLUSH_AT + 256);
    private final List<Map<String, Object>> errors = new ArrayList<>();
    private long row;

    private ItemCsv(InputStream csv, CopyIn out, Validator validator) {
        this.validator = validator;
        // A decoder that reports bad UTF-8 instead of replacing it, as PostgreSQL would refuse it.
        this.in = new InputStreamReader(csv, StandardCharsets.UTF_8.newDecoder());
        this.out = out;
    }

    /**
     * Copies the valid rows of {@code csv} into {@code out}; returns the rows read.
     *
     * @throws HttpException 422 with every error (up to {@value #MAX_ERRORS}), 400 for bytes that are
     *     not UTF-8; the caller must then abort the COPY
     * @throws UncheckedIOException when reading the body fails (the client went away)
     */
    static long copy(InputStream csv, CopyIn out, Validator validator) {
        return new ItemCsv(csv, out, validator).run();
    }

    private long run() {
        try {
            List<String> fields;
            while ((fields = nextRecord()) != null && errors.size() < MAX_ERRORS) {
                check(fields);
                row++;
            }
        } catch (CharacterCodingException e) {
            throw new HttpException(400, "Bad Request: the CSV is not valid UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new HttpException(422, errors);
        }
        out.write(pending);
        return row;
    }

    private void check(List<String> fields) {
        if (fields.size() != 2) {
            error("value_error", List.of("body", row), "Value error, a row is name,price; this one has "
                    + fields.size() + " field" + (fields.size() == 1 ? "" : "s"), String.join(",", fields));
            return;
        }
        String name = fields.get(0);
        String priceText = fields.get(1);
        BigDecimal price = price(priceText);
        if (price == null) {
            return;
        }
        for (ConstraintViolation<ItemCreate> v : validator.validate(new ItemCreate(name, price.doubleValue()))) {
            String field = v.getPropertyPath().toString();
            error(v, List.of("body", row, field), field.equals("price") ? priceText : name);
        }
        if (errors.isEmpty()) {
            pending.append('"').append(name.replace("\"", "\"\"")).append("\",").append(price.toPlainString()).append('\n');
            if (pending.length() >= FLUSH_AT) {
                out.write(pending);
                pending.setLength(0);
            }
        }
    }

    /** The price as pydantic reads a number from a string: NaN and infinities are not finite numbers. */
    private BigDecimal price(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            if (NOT_FINITE.matcher(text.strip()).matches()) {
                error("finite_number", List.of("body", row, "price"), "Input should be a finite number", text);
            } else {
                error("float_parsing", List.of("body", row, "price"),
                        "Input should be a valid number, unable to parse string as a number", text);
            }
            return null;
        }
    }

    /** pydantic's error for the constraints {@link ItemCreate} carries. */
    private void error(ConstraintViolation<ItemCreate> v, List<Object> loc, String input) {
        switch (v.getConstraintDescriptor().getAnnotation()) {
            case DecimalMin m -> error("greater_than_equal", loc, "Input should be greater than or equal to " + m.value(),
                    input, Map.of("ge", m.value()));
            case Digits d -> error("decimal_max_places", loc, "Decimal input should have no more than " + d.fraction()
                    + " decimal places", input, Map.of("decimal_places", d.fraction()));
            case NotBlank n -> error("string_too_short", loc, "String should have at least 1 character", input,
                    Map.of("min_length", 1));
            default -> error("value_error", loc, "Value error, " + v.getMessage(), input);
        }
    }

    private void error(String type, List<Object> loc, String msg, String input) {
        error(type, loc, msg, input, null);
    }

    private void error(String type, List<Object> loc, String msg, String input, Map<String, Object> ctx) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("loc", loc);
        e.put("msg", msg);
        e.put("input", input);
        if (ctx != null) {
            e.put("ctx", ctx);
        }
        errors.add(e);
    }

    /** The next record's fields (RFC 4180: quotes around a field, "" inside one), or null at the end. */
    private List<String> nextRecord() throws IOException {
        int c = read();
        if (c < 0) {
            return null;
        }
        List<String> fields = new ArrayList<>(2);
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) {
                    fields.add(field.toString()); // unterminated quote: the field runs to the end
                    return fields;
                }
                if (c == '"') {
                    c = read();
                    if (c != '"') {
                        quoted = false;
                        continue;
                    }
                }
                field.append((char) c);
            } else if (c < 0 || c == '\n') {
                fields.add(stripCr(field));
                return fields;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else {
                field.append((char) c);
            }
            c = read();
        }
    }

    /** The next char, or -1 at the end: through a buffer, since a Reader's read() takes a lock each call. */
    private int read() throws IOException {
        if (charAt == charCount) {
            charCount = in.read(chars, 0, chars.length);
            charAt = 0;
            if (charCount <= 0) {
                charCount = 0;
                return -1;
            }
        }
        return chars[charAt++];
    }

    private static String stripCr(StringBuilder field) {
        int n = field.length();
        return n > 0 && field.charAt(n - 1) == '\r' ? field.substring(0, n - 1) : field.toString();
    }
}
