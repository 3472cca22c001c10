package vireo.keras;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import vireo.keras.callbacks.History;
import vireo.keras.layers.Input;
import vireo.keras.layers.Layer;
import vireo.keras.losses.Loss;
import vireo.keras.losses.Losses;
import vireo.keras.metrics.Metric;
import vireo.keras.metrics.Metrics;
import vireo.keras.optimizers.KerasOptimizer;
import vireo.keras.optimizers.Optimizers;
import vireo.nn.Module;
import vireo.optim.Optimizer;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * Keras's {@code Sequential}: a stack of {@link Layer}s with {@code compile} / {@code fit} / {@code evaluate} /
 * {@code predict}, {@code summary()} and one-file save. It is a {@link Module}: its state dict holds each layer's
 * tensors under the layer's name ({@code conv2d.weight}), and it can be trained with a hand-written PyTorch-style
 * loop as well.
 *
 * <pre>{@code
 * var model = Sequential.of(
 *     Input.of(28, 28, 1),
 *     Conv2D.of(32, 3).activation("relu"), Conv2D.of(64, 3).activation("relu"),
 *     MaxPooling2D.of(2), Dropout.of(0.25), Flatten.of(),
 *     Dense.of(128).activation("relu"), Dropout.of(0.5), Dense.of(10).activation("softmax"));
 * model.compile("adam", "categorical_crossentropy", "accuracy");
 * History h = model.fit(xTrain, yTrain, Fit.batchSize(128).epochs(10).validationData(xTest, yTest));
 * }</pre>
 *
 * <p><b>Data layout.</b> Images arrive channels-last, {@code [N, H, W, C]}, as in Keras tutorials; the model
 * permutes each batch once at its input to the engine's channels-first layout and keeps that inside (see
 * {@link Input}). Shapes printed by {@link #summary()} use Keras's channels-last convention.
 *
 * <p><b>Randomness.</b> The model draws a seed from the default generator when created; its dropout masks and its
 * shuffling come from that stream, which {@link #save} stores, so a reloaded model resumes exactly.
 */
public class Sequential extends Module {

    private String name;
    private final List<Layer> layers = new ArrayList<>();
    private Input input;
    private final Generator generator;
    private long shuffleSeed;
    private KerasOptimizer optimizerSpec;
    private Optimizer optimizer;
    private Loss loss;
    private List<Metric> metrics = List.of();
    private boolean stopTraining;
    private int epochsCompleted;
    private History history;

    /** An empty model; {@link #add} layers. */
    public Sequential() {
        this.name = Layer.uniqueName("sequential");
        long seed = Vireo.defaultGenerator().nextLong();
        this.generator = new Generator(seed);
        this.shuffleSeed = generator.nextLong();
    }

    /** A model of these layers; an {@link Input} may come first. */
    public static Sequential of(Layer... layers) {
        Sequential m = new Sequential();
        for (Layer l : layers) {
            m.add(l);
        }
        return m;
    }

    /** Appends a layer (an {@link Input} only first). Builds it now when the input shape is known. */
    public Sequential add(Layer layer) {
        if (layer instanceof Input in) {
            if (!layers.isEmpty() || input != null) {
                throw new IllegalArgumentException(name + ": an Input must come first and only once");
            }
            input = in;
            return this;
        }
        if (namedChildren().containsKey(layer.name())) {
            throw new IllegalArgumentException(name + ": all layers added to a Sequential model should have unique "
                    + "names; '" + layer.name() + "' is already used. Rename one with .name(\"...\")");
        }
        layer.setGenerator(generator);
        layer.setChannelsLast(input == null || input.isChannelsLast());
        int[] shape = layers.isEmpty() ? (input == null ? null : input.internalShape())
                : layers.get(layers.size() - 1).outputShape();
        registerModule(layer.name(), layer);
        layers.add(layer);
        if (shape != null) {
            layer.build(shape);
        }
        return this;
    }

    public String name() {
        return name;
    }

    public Sequential name(String value) {
        this.name = value;
        return this;
    }

    /** The layers in order (without the Input). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The layer called {@code layerName}, or an error listing the names. */
    public Layer getLayer(String layerName) {
        for (Layer l : layers) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        throw new IllegalArgumentException(name + ": no layer named '" + layerName + "'; layers: "
                + layers.stream().map(Layer::name).toList());
    }

    /** The declared or inferred input, or null before the model has seen a shape. */
    public Input input() {
        return input;
    }

    // ------------------------------------------------------------ building

    public boolean isBuilt() {
        return !layers.isEmpty() && layers.get(layers.size() - 1).isBuilt();
    }

    /**
     * Builds every layer for samples shaped {@code shape} (without the batch, channels-last for images, as the data
     * will arrive), like Keras's {@code model.build((None, *shape))}.
     */
    public Sequential build(int... shape) {
        if (input == null) {
            input = Input.of(shape);
            layers.forEach(l -> l.setChannelsLast(true));
        } else if (!Arrays.equals(input.shape(), shape)) {
            throw new IllegalArgumentException(name + ": expected input (None, " + join(input.shape())
                    + "), received (None, " + join(shape) + ")");
        }
        if (layers.isEmpty()) {
            throw new IllegalStateException(name + ": the model has no layers; add some before building it");
        }
        int[] s = input.internalShape();
        for (Layer l : layers) {
            s = l.build(s);
        }
        return this;
    }

    /** Builds from a batch {@code [N, *shape]} when not built; checks the sample shape otherwise. */
    void buildFor(Tensor x) {
        int[] sample = Arrays.copyOfRange(x.shape(), 1, x.dim());
        if (!isBuilt() || input == null) {
            build(sample);
        } else if (!Arrays.equals(input.shape(), sample)) {
            String hint = sample.length + 1 == input.shape().length ? "; add the channel axis, e.g. x.reshape(N, "
                    + join(input.shape()) + ")" : "";
            throw new IllegalArgumentException(name + ": expected input (None, " + join(input.shape())
                    + "), received (None, " + join(sample) + ")" + hint);
        }
    }

    /** The per-sample output shape in the internal layout. */
    int[] outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    private static String join(int[] s) {
        return String.join(", ", Arrays.stream(s).mapToObj(Integer::toString).toList());
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isBuilt()) {
            buildFor(x);
        }
        Tensor h = input.call(x);
        for (Layer l : layers) {
            h = l.call(h);
        }
        // Give images back in the layout they came in.
        return h.dim() == 4 && input.isChannelsLast() ? h.permute(0, 2, 3, 1).contiguous() : h;
    }

    // ------------------------------------------------------------ trainable

    /** Freezes or unfreezes every layer (see {@link Layer#trainable(boolean)}). */
    public Sequential trainable(boolean value) {
        layers.forEach(l -> l.trainable(value));
        return this;
    }

    // ------------------------------------------------------------ compile

    /** {@code compile("adam", "categorical_crossentropy", "accuracy")}; unknown names list the known ones. */
    public Sequential compile(String optimizer, String loss, String... metrics) {
        return compile(Optimizers.get(optimizer), Losses.get(loss),
                Arrays.stream(metrics).map(Metrics::get).toArray(Metric[]::new));
    }

    /** {@code compile(Adam.of(0.01), Losses.get("categorical_crossentropy"), Metrics.get("accuracy"))}. */
    public Sequential compile(KerasOptimizer optimizer, Loss loss, Metric... metrics) {
        this.optimizerSpec = optimizer;
        this.loss = loss;
        this.metrics = List.of(metrics);
        this.optimizer = null;
        return this;
    }

    public boolean isCompiled() {
        return loss != null;
    }

    void checkCompiled(String what) {
        if (!isCompiled()) {
            throw new IllegalStateException(name + ": you must call compile() before " + what);
        }
    }

    public Loss loss() {
        return loss;
    }

    public List<Metric> metrics() {
        return metrics;
    }

    public KerasOptimizer optimizerConfig() {
        return optimizerSpec;
    }

    /** The optimizer working on the parameters; created when the model is built and compiled. */
    public Optimizer optimizer() {
        if (optimizer == null && isCompiled() && isBuilt()) {
            optimizer = optimizerSpec.create(parameters());
        }
        return optimizer;
    }

    /** The current learning rate (of the first param group). */
    public double learningRate() {
        Optimizer o = optimizer();
        return o == null ? optimizerSpec.learningRate() : o.paramGroups().get(0).lr();
    }

    /** Sets the learning rate of every param group (what learning-rate callbacks do). */
    public void setLearningRate(double lr) {
        Optimizer o = optimizer();
        if (o == null) {
            throw new IllegalStateException(name + ": the optimizer does not exist yet (compile and build first)");
        }
        o.paramGroups().forEach(g -> g.setLr(lr));
    }

    // ------------------------------------------------------------ training

    /** Trains on {@code x} (samples first) and {@code y}; see {@link Fit} for the options. */
    public History fit(Tensor x, Tensor y, Fit options) {
        history = new Trainer(this).fit(x, y, options);
        return history;
    }

    public History fit(Tensor x, Tensor y) {
        return fit(x, y, Fit.defaults());
    }

    /** Loss and metrics on {@code x, y} (batch 32, progress bar): {@code {loss=…, accuracy=…}}. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, 32, 1);
    }

    public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, int verbose) {
        return new Trainer(this).evaluate(x, y, batchSize, verbose, System.out, null);
    }

    /** The model's outputs for {@code x}, computed in inference mode in batches of 32. */
    public Tensor predict(Tensor x) {
        return predict(x, 32, 0);
    }

    public Tensor predict(Tensor x, int batchSize, int verbose) {
        return new Trainer(this).predict(x, batchSize, verbose, System.out);
    }

    /** The History of the last {@code fit}. */
    public History history() {
        return history;
    }

    /** Asks {@code fit} to stop after the current batch (what EarlyStopping and TerminateOnNaN set). */
    public void stopTraining(boolean value) {
        stopTraining = value;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    /** Epochs completed so far over all fits (restored by {@link Models#load}); pass as {@code initialEpoch}. */
    public int epochsCompleted() {
        return epochsCompleted;
    }

    void epochsCompleted(int value) {
        epochsCompleted = value;
    }

    Generator generator() {
        return generator;
    }

    long shuffleSeed() {
        return shuffleSeed;
    }

    // ------------------------------------------------------------ summary and files

    /** Prints Keras 3's summary table to standard output. */
    public void summary() {
        summary(System.out);
    }

    public void summary(PrintStream out) {
        out.print(summaryString());
    }

    /** Keras 3's summary table, as text. */
    public String summaryString() {
        return Summary.render(this);
    }

    /**
     * Writes the whole model to one {@code .vireo} file (architecture, weights, optimizer state, metadata),
     * atomically: a failure leaves any previous file intact.
     */
    public void save(Path path) throws IOException {
        ModelFile.save(this, path);
    }

    /** Writes the weights (the state dict) as safetensors. */
    public void saveWeights(Path path) throws IOException {
        ModelFile.saveWeights(this, path);
    }

    /** Loads weights written by {@link #saveWeights}; builds nothing, checks every key and shape first. */
    public void loadWeights(Path path) throws IOException {
        ModelFile.loadWeights(this, path);
    }

    /** Used by {@link Models#load} to restore the optimizer and randomness. */
    void restoreRuntime(long generatorState, long shuffle, int epochs) {
        generator.setState(generatorState);
        shuffleSeed = shuffle;
        epochsCompleted = epochs;
    }

    @Override
    public String typeName() {
        return "Sequential";
    }
}
