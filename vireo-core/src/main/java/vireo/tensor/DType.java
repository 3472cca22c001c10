package vireo.tensor;

/**
 * Element types. {@code FLOAT32} is the working type; {@code INT64} holds labels and indices; {@code BOOL} holds
 * masks (the results of comparisons), stored as 0/1 floats so masks multiply straight into float math.
 */
public enum DType {
    FLOAT32("float32"),
    INT64("int64"),
    BOOL("bool");

    private final String pythonName;

    DType(String pythonName) {
        this.pythonName = pythonName;
    }

    /** The name PyTorch prints ({@code float32}, {@code int64}, {@code bool}). */
    public String pythonName() {
        return pythonName;
    }

    boolean isFloatStored() {
        return this != INT64;
    }
}
