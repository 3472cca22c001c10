package vireo.keras;

import vireo.keras.layers.Layer;

/** Session-wide helpers. */
public final class Keras {

    private Keras() {
    }

    /** Resets automatic layer names ({@code dense}, {@code dense_1}, ...), like {@code keras.backend.clear_session()}. */
    public static void clearSession() {
        Layer.resetNames();
    }
}
