package vireo.keras.callbacks;

import java.util.Map;
import java.util.function.BiFunction;
import vireo.keras.internal.PyFormat;

/**
 * Sets the learning rate at the start of each epoch from {@code schedule(epoch, currentLr)} (epoch 0-based), as
 * Keras's {@code LearningRateScheduler}; adds {@code learning_rate} to the epoch's logs.
 *
 * <pre>{@code
 * new LearningRateScheduler((epoch, lr) -> epoch < 10 ? lr : lr * Math.exp(-0.1))
 * }</pre>
 */
public final class LearningRateScheduler extends Callback {

    private final BiFunction<Integer, Double, Double> schedule;
    private final int verbose;

    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule) {
        this(schedule, 0);
    }

    public LearningRateScheduler(BiFunction<Integer, Double, Double> schedule, int verbose) {
        this.schedule = schedule;
        this.verbose = verbose;
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        Double lr = schedule.apply(epoch, (double) (float) model().learningRate());
        if (lr == null || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule should return a finite number, "
                    + "received " + lr + " for epoch " + epoch);
        }
        model().setLearningRate(lr);
        if (verbose > 0) {
            out.println("\nEpoch " + (epoch + 1) + ": LearningRateScheduler setting learning rate to "
                    + PyFormat.repr(lr) + ".");
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logs.put("learning_rate", (double) (float) model().learningRate());
    }
}
