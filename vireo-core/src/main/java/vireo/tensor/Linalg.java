package vireo.tensor;

import vireo.backend.Backends;

/** Matrix products over the backend's GEMM, reading transposed views in place instead of copying them. */
final class Linalg {

    private Linalg() {
    }

    static Tensor matmul(Tensor a, Tensor b) {
        requireFloat("matmul", a, b);
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, received "
                    + a.describe() + " and " + b.describe());
        }
        if (a.dim() == 1 && b.dim() == 1) {
            if (a.shape[0] != b.shape[0]) {
                throw new IllegalArgumentException("matmul: 1-D tensors expected the same size, received "
                        + a.shape[0] + " and " + b.shape[0]);
            }
            return a.mul(b).sum();
        }
        if (a.dim() == 1) {
            return matmul(a.unsqueeze(0), b).squeeze(-2);
        }
        if (b.dim() == 1) {
            return matmul(a, b.unsqueeze(-1)).squeeze(-1);
        }
        if (a.dim() == 2 && b.dim() == 2) {
            return mm(a, b);
        }
        int k = a.shape[a.dim() - 1];
        if (k != b.shape[b.dim() - 2]) {
            throw mismatch(a, b);
        }
        if (b.dim() == 2 && a.isContiguous()) {
            // [..., n, k] · [k, m]: one GEMM over all rows (Linear on a sequence or image batch).
            int[] outShape = a.shape.clone();
            outShape[outShape.length - 1] = b.shape[1];
            // Rows counted explicitly: reshape(-1, k) cannot infer them when k == 0.
            int rows = Shape.numel(java.util.Arrays.copyOf(a.shape, a.dim() - 1));
            return mm(a.reshape(rows, k), b).reshape(outShape);
        }
        return batched(a, b);
    }

    static Tensor bmm(Tensor a, Tensor b) {
        requireFloat("bmm", a, b);
        if (a.dim() != 3 || b.dim() != 3) {
            throw new IllegalArgumentException("bmm: expected 3-D tensors, received " + a.describe() + " and " + b.describe());
        }
        if (a.shape[0] != b.shape[0]) {
            throw new IllegalArgumentException("bmm: batch sizes differ: " + Shape.str(a.shape) + " and " + Shape.str(b.shape));
        }
        return matmul(a, b);
    }

    /** 2-D product. Shapes: {@code [n, k] · [k, m] -> [n, m]}. */
    static Tensor mm(Tensor a, Tensor b) {
        if (a.shape[1] != b.shape[0]) {
            throw mismatch(a, b);
        }
        int n = a.shape[0];
        int k = a.shape[1];
        int m = b.shape[1];
        float[] out = new float[n * m];
        gemmInto(a, b, out, 0, false);
        Tensor r = Tensor.wrap(out, n, m);
        return Tensor.record("mm", r, new Tensor[]{a, b}, g -> new Tensor[]{
                a.requiresGrad() ? gradInLayoutOf(a, g, b.t()) : null,
                b.requiresGrad() ? gradInLayoutOf(b, a.t(), g) : null});
    }

    /**
     * The gradient {@code l · r} of an operand, laid out like that operand: for a transposed view (the
     * {@code weight.t()} of a linear layer) it is computed as {@code (rᵀ · lᵀ)ᵀ}, a transposed view of a dense
     * product, so that the gradient reaching the weight through the view's backward is dense again and needs no
     * strided copy. The GEMM reads both orders in place, so this costs nothing extra.
     */
    private static Tensor gradInLayoutOf(Tensor operand, Tensor l, Tensor r) {
        if (operand.dim() == 2 && !rowMajor(operand) && columnMajor(operand)) {
            return mm(r.t(), l.t()).t();
        }
        return mm(l, r);
    }

    /** {@code out[off..] (+)= a · b} for 2-D float views, passing transposed layouts straight to the GEMM. */
    private static void gemmInto(Tensor a, Tensor b, float[] out, int outOff, boolean accumulate) {
        int n = a.shape[0];
        int k = a.shape[1];
        int m = b.shape[1];
        if (n == 0 || m == 0) {
            return;
        }
        Tensor ga = gemmReady(a);
        Tensor gb = gemmReady(b);
        boolean ta = isTransposed(ga);
        boolean tb = isTransposed(gb);
        Backends.current().sgemm(ta, tb, n, m, k,
                ga.f, ga.offset, leading(ga, ta),
                gb.f, gb.offset, leading(gb, tb),
                out, outOff, m, accumulate);
    }

    /** A matrix whose rows (or columns) are unit-stride and do not overlap; otherwise a contiguous copy. */
    private static Tensor gemmReady(Tensor t) {
        return rowMajor(t) || columnMajor(t) ? t : Views.copyDense(t);
    }

    private static boolean rowMajor(Tensor t) {
        return (t.strides[1] == 1 || t.shape[1] == 1) && (t.shape[0] == 1 || t.strides[0] >= t.shape[1]);
    }

    private static boolean columnMajor(Tensor t) {
        return (t.strides[0] == 1 || t.shape[0] == 1) && (t.shape[1] == 1 || t.strides[1] >= t.shape[0]);
    }

    private static boolean isTransposed(Tensor t) {
        return !rowMajor(t);
    }

    private static int leading(Tensor t, boolean transposed) {
        return transposed ? Math.max(t.strides[1], t.shape[0]) : Math.max(t.strides[0], t.shape[1]);
    }

    /** Batched product with broadcast batch dimensions, one GEMM per batch entry. */
    private static Tensor batched(Tensor a, Tensor b) {
        int ra = a.dim();
        int rb = b.dim();
        int n = a.shape[ra - 2];
        int k = a.shape[ra - 1];
        int m = b.shape[rb - 1];
        int[] batchA = java.util.Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = java.util.Arrays.copyOf(b.shape, rb - 2);
        int[] batch = Shape.broadcast("matmul", batchA, batchB);
        int[] fullA = concat(batch, n, k);
        int[] fullB = concat(batch, k, m);
        Tensor ae;
        Tensor be;
        try (var scope = vireo.autograd.GradMode.noGrad()) {
            ae = a.expand(fullA).contiguous();
            be = b.expand(fullB).contiguous();
        }
        int batches = Shape.numel(batch);
        float[] out = new float[batches * n * m];
        for (int i = 0; i < batches; i++) {
            Backends.current().sgemm(false, false, n, m, k, ae.f, ae.offset + i * n * k, k,
                    be.f, be.offset + i * k * m, m, out, i * n * m, m, false);
        }
        Tensor r = Tensor.wrap(out, concat(batch, n, m));
        int[] shapeA = a.shape;
        int[] shapeB = b.shape;
        return Tensor.record("matmul", r, new Tensor[]{a, b}, g -> new Tensor[]{
                a.requiresGrad() ? Reductions.sumTo(g.matmul(b.transpose(-1, -2)), shapeA) : null,
                b.requiresGrad() ? Reductions.sumTo(a.transpose(-1, -2).matmul(g), shapeB) : null});
    }

    private static int[] concat(int[] batch, int x, int y) {
        int[] out = java.util.Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = x;
        out[batch.length + 1] = y;
        return out;
    }

    private static IllegalArgumentException mismatch(Tensor a, Tensor b) {
        return new IllegalArgumentException("matmul: shapes " + Shape.str(a.shape) + " and " + Shape.str(b.shape)
                + " cannot be multiplied (" + a.shape[a.dim() - 1] + " != " + b.shape[Math.max(0, b.dim() - 2)] + ")");
    }

    static void requireFloat(String op, Tensor... ts) {
        for (Tensor t : ts) {
            if (t.dtype != DType.FLOAT32) {
                throw new IllegalArgumentException(op + ": expected float32 tensors, received " + t.describe());
            }
        }
    }
}
