package vireo.keras.callbacks;

import java.util.Map;

/** Stops training as soon as the loss is NaN or infinite, printing {@code Batch N: Invalid loss, terminating training}. */
public final class TerminateOnNaN extends Callback {

    private int badBatch = -1;

    /** The 0-based batch (within its epoch) whose loss was invalid, or −1. */
    public int badBatch() {
        return badBatch;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            out.println("Batch " + batch + ": Invalid loss, terminating training");
            badBatch = batch;
            model().stopTraining(true);
        }
    }
}
