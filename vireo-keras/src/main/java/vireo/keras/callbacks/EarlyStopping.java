package vireo.keras.callbacks;

import java.util.LinkedHashMap;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Stops training when a monitored value stops improving, with Keras 3's exact rules.
 *
 * <ul>
 *   <li>Improvement: {@code current < best − minDelta} (min mode) or {@code current > best + minDelta} (max);
 *       the first monitored epoch always improves.</li>
 *   <li>{@code wait} grows by one each monitored epoch and returns to 0 on an improvement that also beats the
 *       {@code baseline} (when one is set). Training stops when {@code wait >= patience} after the first epoch.</li>
 *   <li>Epochs before {@code startFromEpoch} are not monitored.</li>
 *   <li>{@code restoreBestWeights}: snapshots the weights on the first monitored epoch and on each improvement,
 *       and restores them when training ends, whether or not it stopped early.</li>
 *   <li>With {@code verbose > 0}: {@code Epoch N: early stopping} and
 *       {@code Restoring model weights from the end of the best epoch: N.}</li>
 * </ul>
 *
 * <pre>{@code
 * new EarlyStopping().monitor("val_loss").patience(3).restoreBestWeights(true)
 * }</pre>
 */
public final class EarlyStopping extends Callback {

    private String monitor = "val_loss";
    private double minDelta;
    private int patience;
    private int verbose;
    private Mode mode = Mode.AUTO;
    private Double baseline;
    private boolean restoreBestWeights;
    private int startFromEpoch;

    private Boolean maximize;
    private int wait;
    private int stoppedEpoch;
    private Double best;
    private int bestEpoch;
    private Map<String, Tensor> bestWeights;

    public EarlyStopping monitor(String value) {
        monitor = value;
        return this;
    }

    /** The least change that counts as an improvement (its absolute value is used). */
    public EarlyStopping minDelta(double value) {
        minDelta = Math.abs(value);
        return this;
    }

    public EarlyStopping patience(int value) {
        patience = value;
        return this;
    }

    public EarlyStopping verbose(int value) {
        verbose = value;
        return this;
    }

    public EarlyStopping mode(Mode value) {
        mode = value;
        return this;
    }

    /** A value the monitored quantity must beat for the patience counter to reset. */
    public EarlyStopping baseline(double value) {
        baseline = value;
        return this;
    }

    public EarlyStopping restoreBestWeights(boolean value) {
        restoreBestWeights = value;
        return this;
    }

    public EarlyStopping startFromEpoch(int value) {
        startFromEpoch = value;
        return this;
    }

    /** The 0-based epoch at which training was stopped, or 0 when it was not. */
    public int stoppedEpoch() {
        return stoppedEpoch;
    }

    /** The 0-based epoch of the best value seen. */
    public int bestEpoch() {
        return bestEpoch;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        wait = 0;
        stoppedEpoch = 0;
        best = null;
        bestWeights = null;
        bestEpoch = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (maximize == null) {
            maximize = Mode.maximizeByMetric(mode, monitor, "EarlyStopping");
        }
        Double current = logs.get(monitor);
        if (current == null) {
            out.println("WARNING: Early stopping conditioned on metric `" + monitor + "` which is not available. "
                    + "Available metrics are: " + String.join(",", logs.keySet()));
            return;
        }
        if (epoch < startFromEpoch) {
            return;
        }
        if (restoreBestWeights && bestWeights == null) {
            bestWeights = snapshot();
            bestEpoch = epoch;
        }
        wait++;
        if (isImprovement(current, best)) {
            best = current;
            bestEpoch = epoch;
            if (restoreBestWeights) {
                bestWeights = snapshot();
            }
            if (baseline == null || isImprovement(current, baseline)) {
                wait = 0;
            }
            return;
        }
        if (wait >= patience && epoch > 0) {
            stoppedEpoch = epoch;
            model().stopTraining(true);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        if (stoppedEpoch > 0 && verbose > 0) {
            out.println("Epoch " + (stoppedEpoch + 1) + ": early stopping");
        }
        if (restoreBestWeights && bestWeights != null) {
            if (verbose > 0) {
                out.println("Restoring model weights from the end of the best epoch: " + (bestEpoch + 1) + ".");
            }
            model().loadStateDict(bestWeights);
        }
    }

    private boolean isImprovement(double value, Double reference) {
        if (reference == null) {
            return true;
        }
        return maximize ? value - minDelta > reference : value + minDelta < reference;
    }

    private Map<String, Tensor> snapshot() {
        var copy = new LinkedHashMap<String, Tensor>();
        model().stateDict().forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }
}
