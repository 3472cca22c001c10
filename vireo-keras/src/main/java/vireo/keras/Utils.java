package vireo.keras;

import vireo.tensor.DType;
import vireo.tensor.Tensor;

/** Keras's {@code keras.utils} helpers. */
public final class Utils {

    private Utils() {
    }

    /**
     * One-hot float32 rows from class indices, {@code keras.utils.to_categorical}. Shapes: {@code [N]} (int64, or
     * whole floats) to {@code [N, numClasses]}.
     */
    public static Tensor toCategorical(Tensor labels, int numClasses) {
        if (labels.dim() != 1) {
            throw new IllegalArgumentException("toCategorical: expected class indices [N], received "
                    + labels.describe());
        }
        long[] idx = (labels.dtype() == DType.INT64 ? labels : labels.toLong()).contiguous().toLongArray();
        float[] out = new float[idx.length * numClasses];
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] < 0 || idx[i] >= numClasses) {
                throw new IllegalArgumentException("toCategorical: label " + idx[i] + " at index " + i
                        + " is outside [0, " + numClasses + ")");
            }
            out[i * numClasses + (int) idx[i]] = 1f;
        }
        return Tensor.fromArray(out, idx.length, numClasses);
    }
}
