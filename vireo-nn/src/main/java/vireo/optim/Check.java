package vireo.optim;

/** Hyper-parameter checks with PyTorch's messages, plus what was received. */
final class Check {

    private Check() {
    }

    static void nonNegative(String optimizer, String what, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(optimizer + ": invalid " + what + ": expected >= 0, received " + v);
        }
    }

    static void inUnitInterval(String optimizer, String what, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(optimizer + ": invalid " + what + ": expected in [0, 1), received " + v);
        }
    }
}
