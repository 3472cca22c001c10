package vireo.keras.callbacks;

import java.io.PrintStream;
import java.util.Map;
import vireo.keras.Sequential;

/**
 * Hooks that {@code fit}, {@code evaluate} and {@code predict} call, as Keras's {@code keras.callbacks.Callback}.
 * Epochs and batches are 0-based here as in Keras (messages print epochs 1-based). {@code logs} maps metric names
 * to values; at epoch end it holds the epoch's averages and the {@code val_} entries, and a callback may add to it
 * (ReduceLROnPlateau adds {@code learning_rate}).
 *
 * <pre>{@code
 * class PrintLoss extends Callback {
 *     public void onEpochEnd(int epoch, Map<String, Double> logs) {
 *         System.out.println(epoch + ": " + logs.get("loss"));
 *     }
 * }
 * }</pre>
 */
public abstract class Callback {

    private Sequential model;
    /** Where messages go (Keras prints them to standard output). */
    protected PrintStream out = System.out;

    /** Called by {@code fit} before training starts. */
    public void setModel(Sequential model) {
        this.model = model;
    }

    public Sequential model() {
        return model;
    }

    /** Sends this callback's messages to {@code stream} instead of standard output. */
    public Callback output(PrintStream stream) {
        out = stream;
        return this;
    }

    public void onTrainBegin(Map<String, Double> logs) {
    }

    public void onTrainEnd(Map<String, Double> logs) {
    }

    public void onEpochBegin(int epoch, Map<String, Double> logs) {
    }

    public void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    }

    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onTestBegin(Map<String, Double> logs) {
    }

    public void onTestEnd(Map<String, Double> logs) {
    }

    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
    }

    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
    }
}
