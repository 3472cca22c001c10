package vireo.keras.optimizers;

/** Range checks with Keras's parameter names in the message. */
final class Check {

    private Check() {
    }

    static void learningRate(String who, double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(who + ": learning_rate must be a finite number >= 0, received " + lr);
        }
    }

    static void unit(String who, String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(who + ": " + name + " must be in [0, 1), received " + v);
        }
    }

    static void nonNegative(String who, String name, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(who + ": " + name + " must be >= 0, received " + v);
        }
    }
}
