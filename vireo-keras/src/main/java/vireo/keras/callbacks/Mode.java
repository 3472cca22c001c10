package vireo.keras.callbacks;

/** Whether a monitored value should go down ({@code MIN}) or up ({@code MAX}); {@code AUTO} decides from its name. */
public enum Mode {
    AUTO, MIN, MAX;

    /**
     * Keras 3 EarlyStopping's rule: {@code loss} (with or without {@code val_}) is minimised, a known metric follows
     * its direction (every accuracy goes up); anything else cannot be decided.
     */
    static boolean maximizeByMetric(Mode mode, String monitor, String who) {
        if (mode != AUTO) {
            return mode == MAX;
        }
        String name = monitor.startsWith("val_") ? monitor.substring(4) : monitor;
        if (name.equals("loss")) {
            return false;
        }
        if (name.contains("accuracy") || name.equals("acc")) {
            return true;
        }
        throw new IllegalArgumentException(who + " callback received monitor=" + monitor + " but Vireo isn't able to "
                + "automatically determine whether that metric should be maximized or minimized. Pass "
                + "mode(Mode.MAX) in order to use the highest metric value, or mode(Mode.MIN) to use the lowest.");
    }

    /** The older rule ModelCheckpoint and ReduceLROnPlateau keep: "acc" in the name means maximise. */
    static boolean maximizeByName(Mode mode, String monitor) {
        return mode == AUTO ? monitor.contains("acc") : mode == MAX;
    }
}
