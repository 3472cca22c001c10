package vireo.keras.optimizers;

import java.util.List;
import vireo.keras.internal.Config;

/** Keras optimizers by name, with Keras's defaults. */
public final class Optimizers {

    /** The names {@link #get} accepts. */
    public static final List<String> NAMES = List.of("adam", "sgd", "rmsprop");

    private Optimizers() {
    }

    /** {@code "adam"} (lr 1e-3, ε 1e-7), {@code "sgd"} (lr 0.01), {@code "rmsprop"} (lr 1e-3, ρ 0.9, ε 1e-7). */
    public static KerasOptimizer get(String name) {
        return switch (name == null ? "" : name.toLowerCase(java.util.Locale.ROOT)) {
            case "adam" -> Adam.of();
            case "sgd" -> SGD.of();
            case "rmsprop" -> RMSprop.of();
            default -> throw new IllegalArgumentException("Unknown optimizer '" + name + "'; known optimizers: "
                    + NAMES);
        };
    }

    /** Rebuilds an optimizer saved as {@code {"class_name": "Adam", "config": {...}}}. */
    public static KerasOptimizer fromConfig(Config c) {
        String cls = c.string("class_name");
        Config o = c.object("config");
        return switch (cls) {
            case "Adam" -> new Adam(o.number("learning_rate"), o.number("beta_1"), o.number("beta_2"),
                    o.number("epsilon"), o.bool("amsgrad"));
            case "SGD" -> new SGD(o.number("learning_rate"), o.number("momentum"), o.bool("nesterov"));
            case "RMSprop" -> new RMSprop(o.number("learning_rate"), o.number("rho"), o.number("momentum"),
                    o.number("epsilon"), o.bool("centered"));
            default -> throw new IllegalArgumentException("Unknown optimizer class '" + cls + "' in " + c.where()
                    + "; known: [Adam, RMSprop, SGD]");
        };
    }
}
