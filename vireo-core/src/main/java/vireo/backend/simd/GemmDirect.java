package vireo.backend.simd;

import static vireo.backend.simd.GemmKernel.L;
import static vireo.backend.simd.GemmKernel.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The unpacked, single-threaded GEMM for problems too small (or too thin) to repay packing: the per-op cost
 * of small models is dominated by such calls, so this path allocates nothing and starts no tasks.
 */
final class GemmDirect {

    private GemmDirect() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (!transB && n >= L) {
            rowUpdates(transA, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            dots(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        }
    }

    /** {@code C[i, :] += A(i, p) * B[p, :]} with vectors along the rows of B and C. */
    private static void rowUpdates(boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int aRow = transA ? 1 : lda;
        int aStep = transA ? lda : 1;
        int nv = n - n % L;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            int ai = aOff + i * aRow;
            for (int p = 0; p < k; p++) {
                float av = a[ai + p * aStep];
                FloatVector va = FloatVector.broadcast(S, av);
                int bi = bOff + p * ldb;
                int j = 0;
                for (; j < nv; j += L) {
                    va.fma(FloatVector.fromArray(S, b, bi + j), FloatVector.fromArray(S, c, ci + j))
                            .intoArray(c, ci + j);
                }
                for (; j < n; j++) {
                    c[ci + j] += av * b[bi + j];
                }
            }
        }
    }

    /** {@code C(i, j) = sum_p A(i, p) B(p, j)}, vectorised along p when both operands are contiguous in p. */
    private static void dots(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                             float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int aRow = transA ? 1 : lda;
        int aStep = transA ? lda : 1;
        int bCol = transB ? ldb : 1;
        int bStep = transB ? 1 : ldb;
        boolean contiguous = aStep == 1 && bStep == 1;
        int kv = k - k % L;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * bCol;
                float sum = 0f;
                int p = 0;
                if (contiguous && kv > 0) {
                    FloatVector acc = FloatVector.zero(S);
                    for (; p < kv; p += L) {
                        acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bj + p), acc);
                    }
                    sum = acc.reduceLanes(VectorOperators.ADD);
                }
                for (; p < k; p++) {
                    sum += a[ai + p * aStep] * b[bj + p * bStep];
                }
                c[ci + j] = accumulate ? c[ci + j] + sum : sum;
            }
        }
    }
}
