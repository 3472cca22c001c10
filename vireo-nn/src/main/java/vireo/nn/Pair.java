package vireo.nn;

/**
 * A 2-D size given either as one int or as a pair, remembering which so that printouts match PyTorch's
 * ({@code kernel_size=2} for {@code MaxPool2d(2)}, {@code kernel_size=(5, 5)} for {@code Conv2d}).
 */
record Pair(int h, int w, boolean scalar) {

    static Pair of(int v) {
        return new Pair(v, v, true);
    }

    static Pair of(int[] v, String what) {
        if (v == null || v.length == 0 || v.length > 2) {
            throw new IllegalArgumentException(what + " must be one int or a pair of ints, received "
                    + (v == null ? "null" : java.util.Arrays.toString(v)));
        }
        return v.length == 1 ? of(v[0]) : new Pair(v[0], v[1], false);
    }

    /** The same values, printed as a tuple (PyTorch's conv layers store tuples). */
    Pair asTuple() {
        return new Pair(h, w, false);
    }

    int[] array() {
        return new int[]{h, w};
    }

    boolean is(int v) {
        return h == v && w == v;
    }

    @Override
    public String toString() {
        return scalar ? Integer.toString(h) : "(" + h + ", " + w + ")";
    }
}
