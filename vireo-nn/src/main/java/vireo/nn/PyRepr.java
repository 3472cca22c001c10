package vireo.nn;

/** Python's spelling of values, so module printouts read exactly like PyTorch's. */
final class PyRepr {

    private PyRepr() {
    }

    static String bool(boolean b) {
        return b ? "True" : "False";
    }

    /** Python's {@code repr(float)}: {@code 0.1}, {@code 1e-05}, {@code 1.0}. */
    static String floating(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e16)) {
            // Java gives the same shortest digits as Python; only the exponent is spelled differently.
            String s = Double.toString(v);               // e.g. 1.0E-5, 1.2345E-7
            int e = s.indexOf('E');
            String mant = s.substring(0, e);
            if (mant.endsWith(".0")) {
                mant = mant.substring(0, mant.length() - 2);
            }
            int exp = Integer.parseInt(s.substring(e + 1));
            return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(Double.toString(v));
        String s = bd.toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    static String floatOrNone(Double v) {
        return v == null ? "None" : floating(v);
    }

    /** A tuple: {@code (5, 5)}. */
    static String tuple(int... v) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ", ").append(v[i]);
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }
}
