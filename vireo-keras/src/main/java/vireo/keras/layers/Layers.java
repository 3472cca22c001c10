package vireo.keras.layers;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import vireo.keras.internal.Config;

/** Rebuilds built-in layers from their saved configs ({@link Layer#getConfig()}); no user code is run. */
public final class Layers {

    private static final Map<String, Function<Config, Layer>> FACTORIES = Map.ofEntries(
            Map.entry("Dense", c -> Dense.of(c.integer("units")).activation(c.string("activation"))
                    .useBias(c.bool("use_bias"))),
            Map.entry("Conv2D", c -> {
                int[] k = c.ints("kernel_size");
                return Conv2D.of(c.integer("filters"), k[0], k[1]).strides(c.ints("strides"))
                        .padding(c.string("padding")).dilationRate(c.ints("dilation_rate"))
                        .activation(c.string("activation")).useBias(c.bool("use_bias"));
            }),
            Map.entry("MaxPooling2D", c -> {
                int[] p = c.ints("pool_size");
                return MaxPooling2D.of(p[0], p[1]).strides(c.ints("strides")).padding(c.string("padding"));
            }),
            Map.entry("AveragePooling2D", c -> {
                int[] p = c.ints("pool_size");
                return AveragePooling2D.of(p[0], p[1]).strides(c.ints("strides")).padding(c.string("padding"));
            }),
            Map.entry("GlobalAveragePooling2D", c -> GlobalAveragePooling2D.of()),
            Map.entry("Flatten", c -> Flatten.of()),
            Map.entry("Dropout", c -> Dropout.of(c.number("rate"))),
            Map.entry("SpatialDropout2D", c -> SpatialDropout2D.of(c.number("rate"))),
            Map.entry("BatchNormalization", c -> BatchNormalization.of().momentum(c.number("momentum"))
                    .epsilon(c.number("epsilon")).center(c.bool("center")).scale(c.bool("scale"))),
            Map.entry("Activation", c -> Activation.of(c.string("activation"))),
            Map.entry("Reshape", c -> Reshape.of(c.ints("target_shape"))));

    /** The class names {@link #fromConfig} knows, sorted. */
    public static final List<String> KNOWN = FACTORIES.keySet().stream().sorted().toList();

    private Layers() {
    }

    /**
     * The layer {@code className} with the options of {@code config} (its name and trainable flag included).
     *
     * @throws IllegalArgumentException for an unknown class (listing the known ones) or a malformed config
     */
    public static Layer fromConfig(String className, Config config) {
        Function<Config, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("Unknown layer type '" + className + "' in " + config.where()
                    + "; known layer types: " + KNOWN);
        }
        Layer layer = f.apply(config);
        layer.name(config.string("name"));
        layer.trainable(config.bool("trainable"));
        return layer;
    }
}
