package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Placeholder: a correct but untuned i-k-j Vector API GEMM, to be replaced by the packed, blocked kernel. */
final class SimdGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private SimdGemm() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        float[] bt = b;
        int bo = bOff;
        int lb = ldb;
        if (transB) { // make op(B) row-major [k, n]
            bt = new float[k * n];
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    bt[p * n + j] = b[bOff + j * ldb + p];
                }
            }
            bo = 0;
            lb = n;
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                var va = FloatVector.broadcast(S, av);
                int bi = bo + p * lb;
                int j = 0;
                for (; j <= n - S.length(); j += S.length()) {
                    var vc = FloatVector.fromArray(S, c, ci + j);
                    FloatVector.fromArray(S, bt, bi + j).fma(va, vc).intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    c[ci + j] += av * bt[bi + j];
                }
            }
        }
    }
}
