package vireo.keras.layers;

import java.util.StringJoiner;

/** Shape helpers shared by the layers. */
final class Shapes {

    private Shapes() {
    }

    /**
     * A per-sample internal shape as Keras prints it: channels-first images {@code [C, H, W]} become
     * {@code (None, H, W, C)}; other ranks are printed as they are.
     */
    static String keras(int[] internal) {
        int[] s = internal.length == 3 ? new int[]{internal[1], internal[2], internal[0]} : internal;
        StringJoiner j = new StringJoiner(", ", "(", s.length == 0 ? ",)" : ")");
        j.add("None");
        for (int d : s) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    /** {@code [a, b, c]} for error messages (batch included). */
    static String str(int[] shape) {
        return java.util.Arrays.toString(shape);
    }

    static int[] pair(int[] v, String what, String layer) {
        if (v.length == 1) {
            return new int[]{v[0], v[0]};
        }
        if (v.length != 2 || v[0] <= 0 || v[1] <= 0) {
            throw new IllegalArgumentException(layer + ": " + what + " must be one or two positive integers, received "
                    + java.util.Arrays.toString(v));
        }
        return v.clone();
    }

    static void positive(int[] v, String what, String layer) {
        for (int x : v) {
            if (x <= 0) {
                throw new IllegalArgumentException(layer + ": " + what + " must be positive, received "
                        + java.util.Arrays.toString(v));
            }
        }
    }
}
