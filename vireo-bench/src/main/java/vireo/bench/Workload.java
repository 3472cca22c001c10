package vireo.bench;

/**
 * One benchmark: a name shared with the PyTorch peer script, a unit, and a run that returns the figure.
 *
 * <p>{@link #run()} prepares its inputs, warms up (see {@link Timing}) and times its repetitions itself, so that each
 * workload can match the way the peer script times the same work.
 */
public interface Workload {

    /** The peer script's workload name, e.g. {@code sgemm2048}. */
    String name();

    Unit unit();

    /** Runs the workload and returns its figure in {@link #unit()}. */
    double run();

    /**
     * Further figures of the last {@link #run()} for the result line, after the main one (e.g. {@code test_acc},
     * {@code epoch_s}), keyed like the peer script's; numbers or strings. None by default.
     */
    default java.util.Map<String, Object> details() {
        return java.util.Map.of();
    }
}
