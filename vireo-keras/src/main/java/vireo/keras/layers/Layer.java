package vireo.keras.layers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import vireo.nn.InputShapeException;
import vireo.nn.Module;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * A Keras-style layer: a {@link Module} with a unique Keras name ({@code dense}, {@code dense_1}, ...), a
 * {@code trainable} flag and shapes known once it is built.
 *
 * <p>A layer is built from its input shape (without the batch dimension) by {@link #build(int[])}, which creates
 * its parameters with Keras's initializers (glorot-uniform kernels, zero biases); a {@link vireo.keras.Sequential}
 * builds every layer as soon as it knows the input shape (from an {@link Input} or from the first data it sees).
 *
 * <p><b>Layout.</b> Inside a model, image tensors are channels-first {@code [N, C, H, W]} (the engine's layout);
 * the model converts channels-last inputs once at its input. Shapes reported to users ({@link #outputShapeKeras()},
 * {@code summary()}) follow Keras's channels-last convention, {@code (None, H, W, C)}.
 *
 * <p>Parameters keep PyTorch's layouts and names ({@code weight} {@code [out, in]} for a Dense kernel, which is the
 * transpose of Keras's {@code kernel}), so a Keras model's state dict reads like a PyTorch one:
 * {@code dense.weight}, {@code conv2d.bias}, {@code batch_normalization.running_mean}.
 */
public abstract class Layer extends Module {

    private static final Map<String, Integer> NAME_COUNTS = new HashMap<>();

    private String name;
    private boolean trainable = true;
    private int[] inputShape;
    private int[] outputShape;
    private Generator generator;
    private boolean channelsLast = true;

    protected Layer() {
        this.name = uniqueName(snakeCase(getClass().getSimpleName()));
    }

    /** Keras's automatic name: {@code base}, then {@code base_1}, {@code base_2}, ... within this JVM session. */
    public static String uniqueName(String base) {
        synchronized (NAME_COUNTS) {
            int n = NAME_COUNTS.merge(base, 1, Integer::sum) - 1;
            return n == 0 ? base : base + "_" + n;
        }
    }

    /** Forgets the automatic names given so far, like {@code keras.backend.clear_session()}. */
    public static void resetNames() {
        synchronized (NAME_COUNTS) {
            NAME_COUNTS.clear();
        }
    }

    /** Keras's {@code to_snake_case}: {@code MaxPooling2D -> max_pooling2d}, {@code Conv2D -> conv2d}. */
    public static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The layer's name, unique in its model; it prefixes this layer's keys in the model's state dict. */
    public String name() {
        return name;
    }

    /** Renames the layer (before it is added to a model). */
    public Layer name(String newName) {
        if (newName == null || newName.isEmpty() || newName.contains(".") || newName.contains("/")) {
            throw new IllegalArgumentException(className() + ": a layer name must be non-empty and contain no '.' "
                    + "or '/', received \"" + newName + "\"");
        }
        this.name = newName;
        return this;
    }

    /** Keras's class name, {@code Dense}; used in summaries and saved configs. */
    public String className() {
        return getClass().getSimpleName();
    }

    @Override
    public String typeName() {
        return className();
    }

    // ------------------------------------------------------------ trainable

    public boolean trainable() {
        return trainable;
    }

    /**
     * Freezes ({@code false}) or unfreezes the layer: its parameters stop receiving gradients and, as in Keras 2.x+
     * and 3, a frozen {@link BatchNormalization} runs in inference mode (moving statistics, no updates) even in
     * {@code fit}. Changing it between two {@code fit} calls takes effect at the next batch.
     */
    public Layer trainable(boolean value) {
        this.trainable = value;
        requiresGrad(value);
        return this;
    }

    // ------------------------------------------------------------ shapes

    /** True once the input shape is known and the parameters exist. */
    public boolean isBuilt() {
        return outputShape != null;
    }

    /**
     * Builds the layer for inputs shaped {@code [N, *inputShape]} (internal, channels-first layout) and returns the
     * output shape without the batch dimension. Building twice with the same shape is a no-op; a different shape
     * is an error.
     */
    public final int[] build(int[] inputShape) {
        if (isBuilt()) {
            if (!Arrays.equals(this.inputShape, inputShape)) {
                throw new InputShapeException(this, "was built for inputs " + Shapes.keras(this.inputShape)
                        + ", received " + Shapes.keras(inputShape));
            }
            return outputShape.clone();
        }
        int[] out = buildFor(inputShape.clone());
        this.inputShape = inputShape.clone();
        this.outputShape = out.clone();
        if (!trainable) {
            requiresGrad(false);
        }
        return out;
    }

    /** Creates the parameters for this input shape (no batch dimension) and returns the output shape. */
    protected abstract int[] buildFor(int[] inputShape);

    /** Builds from the first input when the model has not built this layer (a layer used on its own). */
    protected final void ensureBuilt(Tensor x) {
        if (!isBuilt()) {
            build(Arrays.copyOfRange(x.shape(), 1, x.dim()));
        }
    }

    /** The input shape without the batch dimension (internal layout), or null before build. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The output shape without the batch dimension (internal layout), or null before build. */
    public int[] outputShape() {
        return outputShape == null ? null : outputShape.clone();
    }

    /** The output shape as Keras prints it, channels-last with the batch as None: {@code (None, 26, 26, 32)}. */
    public String outputShapeKeras() {
        return outputShape == null ? "?" : Shapes.keras(outputShape);
    }

    /** Parameters and persistent buffers (moving statistics count, as in Keras). */
    public long countParams() {
        long n = 0;
        for (Tensor t : stateDict().values()) {
            n += t.numel();
        }
        return n;
    }

    // ------------------------------------------------------------ model wiring

    /** The generator random layers draw from: the model's when it set one, else the default generator. */
    protected final Generator generator() {
        return generator != null ? generator : Vireo.defaultGenerator();
    }

    /** Set by the model so that a saved model can restore its layers' random stream. */
    public void setGenerator(Generator g) {
        this.generator = g;
    }

    /** Whether the model's data format is channels-last (Keras's default); set by the model. */
    protected final boolean channelsLast() {
        return channelsLast;
    }

    public void setChannelsLast(boolean value) {
        this.channelsLast = value;
    }

    // ------------------------------------------------------------ config

    /** Keras-style config: {@code name}, {@code trainable} and the layer's own options; enough to rebuild it. */
    public final Map<String, Object> getConfig() {
        var m = new LinkedHashMap<String, Object>();
        m.put("name", name);
        m.put("trainable", trainable);
        addConfig(m);
        return m;
    }

    /** Adds this layer's constructor options to {@code config}, under Keras's names. */
    protected abstract void addConfig(Map<String, Object> config);

    @Override
    public String extraRepr() {
        return "name=" + name;
    }
}
