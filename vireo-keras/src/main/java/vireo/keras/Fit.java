package vireo.keras;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vireo.keras.callbacks.Callback;
import vireo.tensor.Tensor;

/**
 * {@code fit}'s options with Keras's names and defaults (batch 32, 1 epoch, shuffle, verbose 1).
 *
 * <pre>{@code
 * model.fit(x, y, Fit.batchSize(128).epochs(10).validationSplit(0.1));
 * model.fit(x, y, Fit.defaults().epochs(3).validationData(xTest, yTest).callbacks(new EarlyStopping()));
 * }</pre>
 *
 * <p>{@code batchSize} is the static entry point; on an existing instance use {@link #withBatchSize(int)}.
 */
public final class Fit {

    int batchSize = 32;
    int epochs = 1;
    int verbose = 1;
    boolean shuffle = true;
    double validationSplit;
    Tensor validationX;
    Tensor validationY;
    int initialEpoch;
    Map<Integer, Double> classWeight;
    final List<Callback> callbacks = new ArrayList<>();
    PrintStream out = System.out;
    Boolean dynamicDisplay;

    private Fit() {
    }

    /** Keras's defaults. */
    public static Fit defaults() {
        return new Fit();
    }

    /** Defaults with this batch size. */
    public static Fit batchSize(int batchSize) {
        return new Fit().withBatchSize(batchSize);
    }

    public Fit withBatchSize(int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("fit: batchSize must be positive, received " + value);
        }
        batchSize = value;
        return this;
    }

    /** The index of the last epoch to run, plus one (Keras: {@code epochs} is not a count when resuming). */
    public Fit epochs(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("fit: epochs must be >= 0, received " + value);
        }
        epochs = value;
        return this;
    }

    /** 0 silent, 1 progress bar, 2 one line per epoch. */
    public Fit verbose(int value) {
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("fit: verbose must be 0, 1 or 2, received " + value);
        }
        verbose = value;
        return this;
    }

    /** Shuffle the training samples before each epoch (default true). */
    public Fit shuffle(boolean value) {
        shuffle = value;
        return this;
    }

    /** Holds out the <em>last</em> fraction of x and y (before shuffling), as Keras does. */
    public Fit validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fit: validationSplit must be in [0, 1), received " + fraction);
        }
        validationSplit = fraction;
        return this;
    }

    public Fit validationData(Tensor x, Tensor y) {
        validationX = x;
        validationY = y;
        return this;
    }

    /** The epoch to start at (0-based), to resume a run. */
    public Fit initialEpoch(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("fit: initialEpoch must be >= 0, received " + value);
        }
        initialEpoch = value;
        return this;
    }

    /** Weights of each class in the loss: a sample's loss is multiplied by its class's weight (default 1). */
    public Fit classWeight(Map<Integer, Double> weights) {
        classWeight = Map.copyOf(weights);
        return this;
    }

    public Fit callbacks(Callback... cbs) {
        callbacks.addAll(List.of(cbs));
        return this;
    }

    public Fit callbacks(List<? extends Callback> cbs) {
        callbacks.addAll(cbs);
        return this;
    }

    /** Where the progress goes (default {@code System.out}). */
    public Fit output(PrintStream stream) {
        out = stream;
        return this;
    }

    /** Forces the progress bar to rewrite its line (true) or print a line per update (false). */
    public Fit dynamicDisplay(boolean value) {
        dynamicDisplay = value;
        return this;
    }
}
