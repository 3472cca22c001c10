package vireo.keras.callbacks;

import java.io.PrintStream;
import java.util.Map;

/**
 * Prints {@code Epoch i/N} (only when N > 1) and a {@link Progbar} per epoch, as Keras 3's {@code ProgbarLogger};
 * {@code fit} adds one when {@code verbose > 0}.
 */
public final class ProgbarLogger extends Callback {

    private final int verbose;
    private final int epochs;
    private final int steps;
    private final PrintStream out;
    private final Boolean dynamic;
    private Progbar progbar;
    private int seen;
    private boolean inFit;

    /**
     * @param dynamic rewrite the line in place; null decides from {@code System.console()}
     */
    public ProgbarLogger(int verbose, int epochs, int steps, PrintStream out, Boolean dynamic) {
        this.verbose = verbose;
        this.epochs = epochs;
        this.steps = steps;
        this.out = out;
        this.dynamic = dynamic;
    }

    private Progbar newBar() {
        return dynamic == null ? new Progbar(steps, verbose, out)
                : new Progbar(steps, verbose, out, dynamic, () -> System.nanoTime() / 1e9);
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        inFit = true;
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!inFit) {
            seen = 0;
            progbar = newBar();
        }
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        seen = 0;
        progbar = newBar();
        if (verbose > 0 && epochs > 1) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        update(batch, logs);
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!inFit) {
            update(batch, logs);
        }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        if (progbar == null) {
            progbar = newBar();
        }
        update(batch, null);
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        progbar.update(steps, logs, true);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!inFit) {
            progbar.update(steps, logs, true);
        }
    }

    /** Ends a predict bar. */
    public void onPredictEnd() {
        if (progbar != null) {
            progbar.update(steps, null, true);
        }
    }

    private void update(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (verbose == 1) {
            progbar.update(seen, logs, false);
        }
    }
}
