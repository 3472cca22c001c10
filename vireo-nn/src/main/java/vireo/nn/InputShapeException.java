package vireo.nn;

/**
 * A layer received an input of the wrong shape. Layers throw it from {@code forward} with what they expected and
 * what they received; {@link Module#call} adds where it happened, so the message reads
 * {@code fc1 (Linear): expected input [*, 320], received [64, 500]}.
 */
public class InputShapeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Module source;
    private final String detail;
    private String path;

    public InputShapeException(Module source, String detail) {
        super(detail);
        this.source = source;
        this.detail = detail;
    }

    /** The module that rejected its input. */
    public Module source() {
        return source;
    }

    /** What was expected and received, without the location. */
    public String detail() {
        return detail;
    }

    /** The dotted path of the source module from the outermost {@code call}, or null when it was the root. */
    public String path() {
        return path;
    }

    /**
     * Names the source by its path under {@code root} when it lies there. Every enclosing {@code call} calls this
     * on the way out, so the outermost one — which sees the longest path — has the last word.
     */
    void locate(Module root) {
        if (source == null) {
            return;
        }
        for (var e : root.namedModules().entrySet()) {
            if (e.getValue() == source) {
                path = e.getKey().isEmpty() ? null : e.getKey();
                return;
            }
        }
    }

    @Override
    public String getMessage() {
        if (source == null) {
            return detail;
        }
        String type = source.typeName();
        return (path == null ? type : path + " (" + type + ")") + ": " + detail;
    }
}
