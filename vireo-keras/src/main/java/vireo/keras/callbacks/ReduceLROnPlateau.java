package vireo.keras.callbacks;

import java.util.Map;
import vireo.keras.internal.PyFormat;

/**
 * Lowers the learning rate when a monitored value stops improving, with Keras's rules: an absolute threshold
 * ({@code current < best − minDelta}, or {@code >} in max mode; auto mode maximises names containing "acc");
 * after {@code patience} epochs without improvement and while {@code lr > minLr}, {@code lr = max(lr·factor,
 * minLr)}, then {@code cooldown} epochs during which waiting is suspended. Adds {@code learning_rate} to the logs.
 */
public final class ReduceLROnPlateau extends Callback {

    private String monitor = "val_loss";
    private double factor = 0.1;
    private int patience = 10;
    private int verbose;
    private Mode mode = Mode.AUTO;
    private double minDelta = 1e-4;
    private int cooldown;
    private double minLr;

    private boolean maximize;
    private double best;
    private int wait;
    private int cooldownCounter;

    public ReduceLROnPlateau monitor(String value) {
        monitor = value;
        return this;
    }

    /** The factor the rate is multiplied by; must be below 1. */
    public ReduceLROnPlateau factor(double value) {
        if (value >= 1.0) {
            throw new IllegalArgumentException("ReduceLROnPlateau does not support a factor >= 1.0. Received factor="
                    + PyFormat.repr(value));
        }
        factor = value;
        return this;
    }

    public ReduceLROnPlateau patience(int value) {
        patience = value;
        return this;
    }

    public ReduceLROnPlateau verbose(int value) {
        verbose = value;
        return this;
    }

    public ReduceLROnPlateau mode(Mode value) {
        mode = value;
        return this;
    }

    public ReduceLROnPlateau minDelta(double value) {
        minDelta = value;
        return this;
    }

    public ReduceLROnPlateau cooldown(int value) {
        cooldown = value;
        return this;
    }

    public ReduceLROnPlateau minLr(double value) {
        minLr = value;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        maximize = Mode.maximizeByName(mode, monitor);
        best = maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        cooldownCounter = 0;
        wait = 0;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        // Keras keeps the rate as a float32 variable; log what it holds.
        logs.put("learning_rate", (double) (float) model().learningRate());
        Double current = logs.get(monitor);
        if (current == null) {
            out.println("WARNING: Learning rate reduction is conditioned on metric `" + monitor + "` which is not "
                    + "available. Available metrics are: " + String.join(",", logs.keySet()) + ".");
            return;
        }
        if (cooldownCounter > 0) {
            cooldownCounter--;
            wait = 0;
        }
        if (maximize ? current > best + minDelta : current < best - minDelta) {
            best = current;
            wait = 0;
        } else if (cooldownCounter <= 0) {
            wait++;
            if (wait >= patience) {
                double oldLr = (float) model().learningRate();
                if (oldLr > (float) minLr) {
                    double newLr = Math.max(oldLr * factor, minLr);
                    model().setLearningRate(newLr);
                    if (verbose > 0) {
                        out.println("\nEpoch " + (epoch + 1) + ": ReduceLROnPlateau reducing learning rate to "
                                + PyFormat.repr(newLr) + ".");
                    }
                    cooldownCounter = cooldown;
                    wait = 0;
                }
            }
        }
    }
}
