package vireo.bench;

/**
 * What a workload's figure measures. The JSON key is the peer script's, so both sides' lines merge by key.
 */
public enum Unit {
    GFLOPS("gflops", "GFLOP/s", true),
    IMAGES_PER_S("images_per_s", "images/s", true),
    SECONDS("seconds", "s", false);

    private final String jsonKey;
    private final String label;
    private final boolean higherIsBetter;

    Unit(String jsonKey, String label, boolean higherIsBetter) {
        this.jsonKey = jsonKey;
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** The key of the figure in a result line: {@code gflops}, {@code images_per_s}, {@code seconds}. */
    public String jsonKey() {
        return jsonKey;
    }

    /** For people: {@code GFLOP/s}, {@code images/s}, {@code s}. */
    public String label() {
        return label;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
