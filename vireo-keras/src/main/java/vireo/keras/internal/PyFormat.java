package vireo.keras.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's number formatting, for messages and file names that must read as Keras writes them (not public API). */
public final class PyFormat {

    private static final Pattern FIELD = Pattern.compile("\\{(\\w+)(?::([^}]*))?}");
    private static final Pattern SPEC = Pattern.compile("(0)?(\\d+)?(?:\\.(\\d+))?([dfeg])?");

    private PyFormat() {
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, {@code 1e-05}, {@code 0.001}, {@code inf}. */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return 1 / x < 0 ? "-0.0" : "0.0";
        }
        BigDecimal d = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = d.unscaledValue().abs().toString();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (x < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        String s = d.toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** One value with a Python format spec: {@code 02d}, {@code .2f}, {@code .4e}, or empty ({@code str}). */
    public static String format(Object value, String spec) {
        if (spec == null || spec.isEmpty()) {
            return value instanceof Double d ? repr(d) : String.valueOf(value);
        }
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new IllegalArgumentException("unsupported format spec '" + spec + "'");
        }
        boolean zero = m.group(1) != null;
        int width = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int precision = m.group(3) == null ? 6 : Integer.parseInt(m.group(3));
        String type = m.group(4) == null ? "" : m.group(4);
        double v = ((Number) value).doubleValue();
        String body = switch (type) {
            case "d" -> {
                if (!(value instanceof Integer || value instanceof Long)) {
                    throw new IllegalArgumentException("format code 'd' needs an integer, received " + repr(v));
                }
                yield Long.toString(((Number) value).longValue());
            }
            case "f" -> Double.isFinite(v) ? new BigDecimal(v).setScale(precision, RoundingMode.HALF_EVEN)
                    .toPlainString() : repr(v);
            case "e" -> sci(v, precision);
            default -> repr(v);
        };
        if (body.length() < width) {
            String pad = (zero ? "0" : " ").repeat(width - body.length());
            body = zero && body.startsWith("-") ? "-" + pad + body.substring(1) : pad + body;
        }
        return body;
    }

    private static String sci(double x, int precision) {
        if (!Double.isFinite(x)) {
            return repr(x);
        }
        if (x == 0) {
            return "0." + "0".repeat(precision) + "e+00";
        }
        BigDecimal d = new BigDecimal(x).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        int exp = d.precision() - d.scale() - 1;
        BigDecimal mant = d.movePointLeft(exp).setScale(precision, RoundingMode.HALF_EVEN);
        return mant.toPlainString() + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    /**
     * Python's {@code str.format(**values)} for named fields: {@code "weights.{epoch:02d}-{val_loss:.2f}"}.
     *
     * @throws IllegalArgumentException naming a missing key and the keys available
     */
    public static String formatNamed(String pattern, Map<String, ?> values) {
        Matcher m = FIELD.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("Failed to format \"" + pattern + "\": key '" + key
                        + "' is not available; available keys: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(format(values.get(key), m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
