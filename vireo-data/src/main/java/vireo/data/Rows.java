package vireo.data;

import vireo.tensor.DType;
import vireo.tensor.Tensor;

/** Row gathers over dense tensors: the loader's fast path. */
final class Rows {

    private Rows() {
    }

    /** {@code t} itself when its storage is exactly its elements in order, else a dense copy. */
    static Tensor dense(Tensor t) {
        try {
            if (t.dtype() == DType.INT64) {
                t.longs();
            } else {
                t.floats();
            }
            return t;
        } catch (IllegalStateException notDense) {
            return t.clone(); // a dense copy of just the view's elements
        }
    }

    /**
     * Rows {@code indices} of a dense tensor, stacked: {@code [N, ...] -> [indices.length, ...]}. Indices are
     * assumed checked.
     */
    static Tensor gather(Tensor t, int[] indices) {
        int[] shape = t.shape();
        int rows = shape[0];
        int rowLen = rows == 0 ? 0 : t.numel() / rows;
        shape[0] = indices.length;
        if (t.dtype() == DType.INT64) {
            long[] src = t.longs();
            long[] dst = new long[indices.length * rowLen];
            for (int k = 0; k < indices.length; k++) {
                System.arraycopy(src, indices[k] * rowLen, dst, k * rowLen, rowLen);
            }
            return Tensor.wrapLong(dst, shape);
        }
        float[] src = t.floats();
        // zeros(...).floats() hands out the new tensor's own storage: one copy, no extra clone.
        Tensor out = Tensor.zeros(shape);
        float[] dst = out.floats();
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(src, indices[k] * rowLen, dst, k * rowLen, rowLen);
        }
        return t.dtype() == DType.BOOL ? out.toType(DType.BOOL) : out;
    }
}
