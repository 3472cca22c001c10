package vireo.backend.simd;

import static vireo.backend.simd.GemmKernel.L;
import static vireo.backend.simd.GemmKernel.S;

import jdk.incubator.vector.FloatVector;

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

    /**
     * {@code C[i, j..j+4L) = sum_p A(i, p) * B[p, j..j+4L)} with the sums in four vector registers: accumulating
     * in C itself would chain every step through a store and a reload of the same address.
     */
    private static void rowUpdates(boolean transA, int m, int n, int k, float[] a, int aOff, int lda,
                                   float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        int aRow = transA ? 1 : lda;
        int aStep = transA ? lda : 1;
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRow;
            int ci = cOff + i * ldc;
            int j = 0;
            for (; j + 4 * L <= n; j += 4 * L) {
                FloatVector s0 = FloatVector.zero(S), s1 = s0, s2 = s0, s3 = s0;
                for (int p = 0; p < k; p++) {
                    FloatVector va = FloatVector.broadcast(S, a[ai + p * aStep]);
                    int bi = bOff + p * ldb + j;
                    s0 = va.fma(FloatVector.fromArray(S, b, bi), s0);
                    s1 = va.fma(FloatVector.fromArray(S, b, bi + L), s1);
                    s2 = va.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
                    s3 = va.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
                }
                if (accumulate) {
                    s0 = s0.add(FloatVector.fromArray(S, c, ci + j));
                    s1 = s1.add(FloatVector.fromArray(S, c, ci + j + L));
                    s2 = s2.add(FloatVector.fromArray(S, c, ci + j + 2 * L));
                    s3 = s3.add(FloatVector.fromArray(S, c, ci + j + 3 * L));
                }
                s0.intoArray(c, ci + j);
                s1.intoArray(c, ci + j + L);
                s2.intoArray(c, ci + j + 2 * L);
                s3.intoArray(c, ci + j + 3 * L);
            }
            for (; j + L <= n; j += L) {
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s0 = FloatVector.broadcast(S, a[ai + p * aStep]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
                }
                if (accumulate) {
                    s0 = s0.add(FloatVector.fromArray(S, c, ci + j));
                }
                s0.intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[ai + p * aStep] * b[bOff + p * ldb + j];
                }
                c[ci + j] = accumulate ? c[ci + j] + sum : sum;
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
                    sum = Lanes.sum(acc);
                }
                for (; p < k; p++) {
                    sum += a[ai + p * aStep] * b[bj + p * bStep];
                }
                c[ci + j] = accumulate ? c[ci + j] + sum : sum;
            }
        }
    }
}
