package vireo.cli.train;

import java.util.LinkedHashMap;
import java.util.Map;

/** One epoch's averages: training loss and accuracy (over the epoch's batches), validation loss and accuracy. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validLoss, double validAccuracy,
                         double seconds) {

    public static final String CSV_HEADER = "epoch,train_loss,train_accuracy,valid_loss,valid_accuracy,seconds";

    public String toCsv() {
        return epoch + "," + trainLoss + "," + trainAccuracy + "," + validLoss + "," + validAccuracy + ","
                + String.format(java.util.Locale.ROOT, "%.3f", seconds);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("train_loss", finite(trainLoss));
        m.put("train_accuracy", finite(trainAccuracy));
        m.put("valid_loss", finite(validLoss));
        m.put("valid_accuracy", finite(validAccuracy));
        m.put("seconds", seconds);
        return m;
    }

    /** JSON has no NaN or infinity (a diverged loss): those are written as null and read back as NaN. */
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    public static EpochStats fromJson(Map<?, ?> m) {
        return new EpochStats(((Number) m.get("epoch")).intValue(), d(m, "train_loss"), d(m, "train_accuracy"),
                d(m, "valid_loss"), d(m, "valid_accuracy"), d(m, "seconds"));
    }

    private static double d(Map<?, ?> m, String k) {
        Object v = m.get(k);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
