package vireo.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the small JSON documents Vireo exchanges: safetensors headers, optimizer and scheduler state,
 * model configs and metadata.
 *
 * <p><b>Reading.</b> {@link #parse(String)} accepts exactly RFC 8259 and refuses what serde_json (the reference
 * safetensors reader) refuses: duplicate keys, trailing commas, comments, {@code NaN}/{@code Infinity}, unescaped
 * control characters, lone surrogate escapes, leading zeros and text after the value. Nesting deeper than
 * {@link #MAX_DEPTH} is refused, so a hostile document cannot overflow the stack. {@link Dialect#PYTHON} also
 * accepts {@code NaN}, {@code Infinity} and {@code -Infinity}, as Python's {@code json} module writes them by
 * default (PyTorch state such as {@code ReduceLROnPlateau}'s {@code best = inf} needs them).
 *
 * <p>Values read as: object → {@code LinkedHashMap<String, Object>} (document order), array →
 * {@code ArrayList<Object>}, string → {@code String}, integer → {@code Long}, or {@code BigInteger} when it does not
 * fit a long, number with a fraction or exponent → {@code Double}, {@code true}/{@code false} → {@code Boolean},
 * and {@code null} → Java {@code null}. Maps hold null values, so tell a member that is {@code null} from an absent
 * one with {@code containsKey}.
 *
 * <p><b>Writing.</b> {@link #write(Object)} writes the types above plus {@code Integer}, {@code Short},
 * {@code Byte}, {@code Float}, {@code BigDecimal}, {@code double[]}, {@code int[]} and {@code long[]}, in the form
 * Python's {@code json.dumps} uses ({@code ", "} and {@code ": "} separators). Doubles are written with
 * {@link Double#toString}, which reads back bit for bit; non-finite ones as {@code NaN}, {@code Infinity} and
 * {@code -Infinity}, like Python (read those back with {@link Dialect#PYTHON}). Non-ASCII characters are written as
 * they are: encode the text as UTF-8.
 *
 * <pre>{@code
 * Map<String, Object> config = Json.parseObject(text, "config.json");
 * String out = Json.write(Map.of("lr", 0.1, "betas", new double[]{0.9, 0.999}));
 * }</pre>
 */
public final class Json {

    /** The deepest nesting of arrays and objects read or written. */
    public static final int MAX_DEPTH = 128;

    /** Which texts {@link #parse(String, Dialect)} accepts. */
    public enum Dialect {
        /** RFC 8259 exactly. */
        STRICT,
        /** RFC 8259 plus the literals {@code NaN}, {@code Infinity} and {@code -Infinity}, as Python writes them. */
        PYTHON
    }

    private final String s;
    private final boolean nonFinite;
    private int pos;
    private int depth;

    private Json(String s, Dialect dialect) {
        this.s = s;
        this.nonFinite = dialect == Dialect.PYTHON;
    }

    // ------------------------------------------------------------ reading

    /** Parses one strict JSON value spanning the whole text (surrounding whitespace allowed). */
    public static Object parse(String text) {
        return parse(text, Dialect.STRICT);
    }

    /** Parses one JSON value spanning the whole text (surrounding whitespace allowed) in {@code dialect}. */
    public static Object parse(String text, Dialect dialect) {
        Json p = new Json(text, dialect);
        p.skipWhitespace();
        Object v = p.value();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("expected the end of the JSON text, received " + p.describeHere());
        }
        return v;
    }

    /** Parses a strict JSON object; {@code what} (say, a file name) leads every error message. */
    public static Map<String, Object> parseObject(String text, String what) {
        return parseObject(text, what, Dialect.STRICT);
    }

    /** Parses a JSON object in {@code dialect}; {@code what} (say, a file name) leads every error message. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, String what, Dialect dialect) {
        Object v;
        try {
            v = parse(text, dialect);
        } catch (JsonException e) {
            throw e.in(what);
        }
        if (!(v instanceof Map<?, ?> m)) {
            int start = 0;
            while (start < text.length() && isWhitespace(text.charAt(start))) {
                start++;
            }
            throw new JsonException("expected a JSON object, received " + describe(v), start).in(what);
        }
        return (Map<String, Object>) m;
    }

    private static String describe(Object v) {
        return switch (v) {
            case null -> "null";
            case List<?> l -> "an array";
            case String str -> "a string";
            case Boolean b -> "the boolean " + b;
            default -> "the number " + v;
        };
    }

    private JsonException error(String message) {
        return new JsonException(message, pos);
    }

    private String describeHere() {
        if (pos >= s.length()) {
            return "the end of the text";
        }
        char c = s.charAt(pos);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void skipWhitespace() {
        while (pos < s.length() && isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private Object value() {
        if (pos >= s.length()) {
            throw error("expected a JSON value, received the end of the text");
        }
        char c = s.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            case 'N' -> nonFiniteLiteral("NaN", Double.NaN);
            case 'I' -> nonFiniteLiteral("Infinity", Double.POSITIVE_INFINITY);
            default -> {
                if (c == '-' && nonFinite && s.startsWith("-Infinity", pos)) {
                    yield nonFiniteLiteral("-Infinity", Double.NEGATIVE_INFINITY);
                }
                if (c == '-' || isDigit(c)) {
                    yield number();
                }
                throw error("expected a JSON value, received " + describeHere());
            }
        };
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, pos)) {
            throw error("expected '" + word + "', received " + describeHere());
        }
        pos += word.length();
        return v;
    }

    private Object nonFiniteLiteral(String word, double v) {
        if (!nonFinite) {
            throw error("expected a JSON value, received " + describeHere()
                    + " (NaN and Infinity are not JSON; the PYTHON dialect reads them)");
        }
        return literal(word, v);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Map<String, Object> object() {
        enter();
        pos++; // '{'
        Map<String, Object> out = new LinkedHashMap<>();
        skipWhitespace();
        if (pos < s.length() && s.charAt(pos) == '}') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            skipWhitespace();
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw error("expected a string key in a JSON object, received " + describeHere());
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value();
            if (out.containsKey(key)) {
                throw new JsonException("duplicate key " + quote(key), keyAt);
            }
            out.put(key, v);
            skipWhitespace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                continue;
            }
            expect('}');
            depth--;
            return out;
        }
    }

    private List<Object> array() {
        enter();
        pos++; // '['
        List<Object> out = new ArrayList<>();
        skipWhitespace();
        if (pos < s.length() && s.charAt(pos) == ']') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            skipWhitespace();
            out.add(value());
            skipWhitespace();
            if (pos < s.length() && s.charAt(pos) == ',') {
                pos++;
                continue;
            }
            expect(']');
            depth--;
            return out;
        }
    }

    private void expect(char c) {
        if (pos >= s.length() || s.charAt(pos) != c) {
            throw error("expected '" + c + "', received " + describeHere());
        }
        pos++;
    }

    private String string() {
        pos++; // opening quote
        StringBuilder sb = null;
        int runStart = pos;
        while (true) {
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            char c = s.charAt(pos);
            if (c == '"') {
                String v = sb == null ? s.substring(runStart, pos) : sb.append(s, runStart, pos).toString();
                pos++;
                return v;
            }
            if (c < 0x20) {
                throw error(String.format("unescaped control character U+%04X in a string", (int) c));
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder();
            }
            sb.append(s, runStart, pos);
            pos++;
            if (pos >= s.length()) {
                throw error("unterminated escape");
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char u = hex4();
                    if (Character.isHighSurrogate(u)) {
                        if (!s.startsWith("\\u", pos)) {
                            throw error("lone high surrogate escape");
                        }
                        pos += 2;
                        char low = hex4();
                        if (!Character.isLowSurrogate(low)) {
                            throw error("high surrogate escape not followed by a low surrogate");
                        }
                        sb.append(u).append(low);
                    } else if (Character.isLowSurrogate(u)) {
                        throw error("lone low surrogate escape");
                    } else {
                        sb.append(u);
                    }
                }
                default -> {
                    pos--;
                    throw error("invalid escape '\\" + e + "'");
                }
            }
            runStart = pos;
        }
    }

    private char hex4() {
        if (pos + 4 > s.length()) {
            throw error("truncated \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos + i), 16);
            if (d < 0) {
                throw error("invalid hex digit in \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Object number() {
        int start = pos;
        if (s.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= s.length() || !isDigit(s.charAt(pos))) {
            throw error("expected a digit, received " + describeHere());
        }
        if (s.charAt(pos) == '0') {
            pos++;
            if (pos < s.length() && isDigit(s.charAt(pos))) {
                throw error("leading zeros are not allowed in JSON numbers");
            }
        } else {
            digits();
        }
        boolean integer = true;
        if (pos < s.length() && s.charAt(pos) == '.') {
            integer = false;
            pos++;
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw error("expected a digit after the decimal point, received " + describeHere());
            }
            digits();
        }
        if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            integer = false;
            pos++;
            if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= s.length() || !isDigit(s.charAt(pos))) {
                throw error("expected a digit in the exponent, received " + describeHere());
            }
            digits();
        }
        String text = s.substring(start, pos);
        if (!integer) {
            return Double.parseDouble(text); // correctly rounded, so Double.toString output reads back exactly
        }
        if (pos - start <= 18) {
            return Long.parseLong(text); // at most 18 digits always fits
        }
        BigInteger big = new BigInteger(text);
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void digits() {
        while (pos < s.length() && isDigit(s.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ------------------------------------------------------------ writing

    /**
     * {@code value} as JSON text (see the class comment for the accepted types).
     *
     * @throws IllegalArgumentException for another type, or nesting deeper than {@link #MAX_DEPTH} (a cycle, say)
     */
    public static String write(Object value) {
        return JsonWriter.write(value);
    }

    /** {@code v} as a JSON string literal, quotes included. */
    public static String quote(String v) {
        return JsonWriter.quote(v);
    }
}
