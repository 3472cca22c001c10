package vireo.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** The writing half of {@link Json}: values to text in Python's {@code json.dumps} layout. */
final class JsonWriter {

    private JsonWriter() {
    }

    /**
     * {@code value} as JSON text (see the class comment for the accepted types).
     *
     * @throws IllegalArgumentException for another type, or nesting deeper than {@link Json#Json.MAX_DEPTH} (a cycle, say)
     */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        switch (v) {
            case null -> sb.append("null");
            case String str -> quoteInto(sb, str);
            case Boolean b -> sb.append(b);
            case Double d -> writeDouble(sb, d);
            case Float f -> writeDouble(sb, f.doubleValue());
            case Long l -> sb.append(l.longValue());
            case Integer i -> sb.append(i.intValue());
            case Short sh -> sb.append(sh.shortValue());
            case Byte by -> sb.append(by.byteValue());
            case BigInteger bi -> sb.append(bi);
            case BigDecimal bd -> sb.append(bd); // scientific form, when used, is valid JSON ("1E+3")
            case double[] a -> {
                checkDepth(depth);
                sb.append('[');
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ", ");
                    writeDouble(sb, a[i]);
                }
                sb.append(']');
            }
            case int[] a -> {
                checkDepth(depth);
                sb.append('[');
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(a[i]);
                }
                sb.append(']');
            }
            case long[] a -> {
                checkDepth(depth);
                sb.append('[');
                for (int i = 0; i < a.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(a[i]);
                }
                sb.append(']');
            }
            case List<?> list -> {
                checkDepth(depth);
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    sb.append(i == 0 ? "" : ", ");
                    write(sb, list.get(i), depth + 1);
                }
                sb.append(']');
            }
            case Map<?, ?> map -> {
                checkDepth(depth);
                sb.append('{');
                boolean first = true;
                for (var e : map.entrySet()) {
                    sb.append(first ? "" : ", ");
                    first = false;
                    quoteInto(sb, String.valueOf(e.getKey()));
                    sb.append(": ");
                    write(sb, e.getValue(), depth + 1);
                }
                sb.append('}');
            }
            default -> throw new IllegalArgumentException("JSON: cannot write a " + v.getClass().getName()
                    + "; expected a Map, List, String, Boolean, Number, double[], int[], long[] or null");
        }
    }

    private static void checkDepth(int depth) {
        if (depth >= Json.MAX_DEPTH) {
            throw new IllegalArgumentException("JSON: cannot write a value nested deeper than " + Json.MAX_DEPTH
                    + " levels (does a list or map contain itself?)");
        }
    }

    private static void writeDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("NaN");
        } else if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "Infinity" : "-Infinity");
        } else {
            sb.append(d);
        }
    }

    /** {@code v} as a JSON string literal; non-ASCII characters are kept (encode the text as UTF-8). */
    static String quote(String v) {
        StringBuilder sb = new StringBuilder(v.length() + 2);
        quoteInto(sb, v);
        return sb.toString();
    }

    private static void quoteInto(StringBuilder sb, String v) {
        sb.append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
