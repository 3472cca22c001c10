package vireo.tensor;

/** Walks a strided tensor in row-major order; the inner loop runs over the last dimension. */
final class Strided {

    private Strided() {
    }

    /** Copies {@code t}'s elements in row-major order into {@code out}. */
    static void copy(Tensor t, float[] out) {
        int rank = t.dim();
        if (rank == 0) {
            out[0] = t.f[t.offset];
            return;
        }
        int inner = t.shape[rank - 1];
        int is = t.strides[rank - 1];
        int[] idx = new int[rank];
        int rows = t.numel() / Math.max(inner, 1);
        int o = 0;
        for (int r = 0; r < rows && inner > 0; r++) {
            int p = base(t, idx);
            for (int i = 0; i < inner; i++) {
                out[o++] = t.f[p + i * is];
            }
            next(idx, t.shape, rank - 2);
        }
    }

    static void copy(Tensor t, long[] out) {
        int rank = t.dim();
        if (rank == 0) {
            out[0] = t.l[t.offset];
            return;
        }
        int inner = t.shape[rank - 1];
        int is = t.strides[rank - 1];
        int[] idx = new int[rank];
        int rows = t.numel() / Math.max(inner, 1);
        int o = 0;
        for (int r = 0; r < rows && inner > 0; r++) {
            int p = base(t, idx);
            for (int i = 0; i < inner; i++) {
                out[o++] = t.l[p + i * is];
            }
            next(idx, t.shape, rank - 2);
        }
    }

    /** Copies same-shaped, same-dtype {@code src} into {@code dst}'s (possibly strided) elements. */
    static void copyInto(Tensor src, Tensor dst) {
        int rank = dst.dim();
        if (rank == 0) {
            if (dst.dtype == DType.INT64) {
                dst.l[dst.offset] = src.l[src.offset];
            } else {
                dst.f[dst.offset] = src.f[src.offset];
            }
            return;
        }
        int inner = dst.shape[rank - 1];
        int ss = src.strides[rank - 1];
        int ds = dst.strides[rank - 1];
        int[] idx = new int[rank];
        int rows = dst.numel() / Math.max(inner, 1);
        for (int r = 0; r < rows && inner > 0; r++) {
            int sp = base(src, idx);
            int dp = base(dst, idx);
            if (dst.dtype == DType.INT64) {
                for (int i = 0; i < inner; i++) {
                    dst.l[dp + i * ds] = src.l[sp + i * ss];
                }
            } else if (ss == 1 && ds == 1) {
                System.arraycopy(src.f, sp, dst.f, dp, inner);
            } else {
                for (int i = 0; i < inner; i++) {
                    dst.f[dp + i * ds] = src.f[sp + i * ss];
                }
            }
            next(idx, dst.shape, rank - 2);
        }
    }

    static int base(Tensor t, int[] idx) {
        int p = t.offset;
        for (int d = 0; d < idx.length; d++) {
            p += idx[d] * t.strides[d];
        }
        return p;
    }

    /** Advances a row-major counter over dimensions {@code 0..last}. */
    static void next(int[] idx, int[] shape, int last) {
        for (int d = last; d >= 0; d--) {
            if (++idx[d] < shape[d]) {
                return;
            }
            idx[d] = 0;
        }
    }
}
