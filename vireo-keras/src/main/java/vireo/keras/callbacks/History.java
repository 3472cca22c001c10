package vireo.keras.callbacks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fit} returns: every epoch's logs, Keras's {@code History}. {@code history().get("val_loss")} lists
 * the validation loss of each epoch run; {@link #epoch()} lists their 0-based indices.
 */
public final class History extends Callback {

    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    private final List<Integer> epochs = new ArrayList<>();

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        // Keras keeps a History across fit calls on one model only through model.history; each fit starts anew.
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        logs.forEach((k, v) -> history.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    /** Values by metric name, one per epoch run (read-only). */
    public Map<String, List<Double>> history() {
        var out = new LinkedHashMap<String, List<Double>>();
        history.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
        return Collections.unmodifiableMap(out);
    }

    /** The values of {@code metric}, one per epoch; an error listing the names present when absent. */
    public List<Double> get(String metric) {
        List<Double> v = history.get(metric);
        if (v == null) {
            throw new IllegalArgumentException("History has no metric '" + metric + "'; it has " + history.keySet());
        }
        return Collections.unmodifiableList(v);
    }

    /** The 0-based epoch indices that ran. */
    public List<Integer> epoch() {
        return Collections.unmodifiableList(epochs);
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}
