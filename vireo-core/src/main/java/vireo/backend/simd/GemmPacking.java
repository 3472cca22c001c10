package vireo.backend.simd;

import static vireo.backend.simd.GemmKernel.L;
import static vireo.backend.simd.GemmKernel.MR;
import static vireo.backend.simd.GemmKernel.NR;
import static vireo.backend.simd.GemmKernel.S;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of A and B into the layouts {@link GemmKernel} streams through.
 *
 * <p>A micro-panel ({@code MR} rows of {@code op(A)}, {@code kc} steps): element {@code (r, p)} is stored as
 * {@code L} equal lanes at {@code dst[(p * MR + r) * L]}; rows past {@code rows} are zero.
 *
 * <p>B panel ({@code kc} steps of {@code NR} columns of {@code op(B)}): element {@code (p, j)} at
 * {@code dst[p * NR + j]}; columns past {@code cols} are zero.
 */
final class GemmPacking {

    private GemmPacking() {
    }

    /** Packs rows {@code [i0, i0+rows)} and steps {@code [p0, p0+kc)} of {@code op(A)} pre-broadcast. */
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int p0, int kc, float[] dst) {
        if (rows < MR) {
            Arrays.fill(dst, 0, kc * MR * L, 0f);
        }
        if (!transA) {
            // A(i, p) = a[aOff + i*lda + p]: each row is contiguous in p.
            for (int r = 0; r < rows; r++) {
                int src = aOff + (i0 + r) * lda + p0;
                int d = r * L;
                for (int p = 0; p < kc; p++) {
                    FloatVector.broadcast(S, a[src + p]).intoArray(dst, d + p * MR * L);
                }
            }
        } else {
            // A(i, p) = a[aOff + p*lda + i]: the MR rows of one step are contiguous.
            for (int p = 0; p < kc; p++) {
                int src = aOff + (p0 + p) * lda + i0;
                int d = p * MR * L;
                for (int r = 0; r < rows; r++) {
                    FloatVector.broadcast(S, a[src + r]).intoArray(dst, d + r * L);
                }
            }
        }
    }

    /**
     * Packs columns {@code [j0, j0+cols)} ({@code cols <= NR}) and steps {@code [p0, p0+kc)} of {@code op(B)}
     * into one panel at {@code dst[dOff...]}.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int cols,
                      float[] dst, int dOff) {
        if (!transB) {
            // B(p, j) = b[bOff + p*ldb + j]: rows of the panel are contiguous slices of B.
            int src = bOff + p0 * ldb + j0;
            if (cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int s = src + p * ldb;
                    int d = dOff + p * NR;
                    for (int v = 0; v < NR; v += L) {
                        FloatVector.fromArray(S, b, s + v).intoArray(dst, d + v);
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int d = dOff + p * NR;
                    System.arraycopy(b, src + p * ldb, dst, d, cols);
                    Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            }
        } else {
            // B(p, j) = b[bOff + j*ldb + p]: each column of the panel is a contiguous slice of B. Full 8 x 8
            // blocks go through registers (about twice as fast as element by element); the rest is scalar.
            int j = 0;
            if (RegisterTranspose.EIGHT) {
                for (; j + 8 <= cols; j += 8) {
                    int src = bOff + (j0 + j) * ldb + p0;
                    int d = dOff + j;
                    int p = 0;
                    for (; p + 8 <= kc; p += 8) {
                        RegisterTranspose.block8(b, src + p, ldb, dst, d + p * NR, NR);
                    }
                    for (; p < kc; p++) {
                        for (int jj = 0; jj < 8; jj++) {
                            dst[d + p * NR + jj] = b[src + jj * ldb + p];
                        }
                    }
                }
            }
            for (; j < cols; j++) {
                int src = bOff + (j0 + j) * ldb + p0;
                int d = dOff + j;
                for (int p = 0; p < kc; p++) {
                    dst[d + p * NR] = b[src + p];
                }
            }
            if (cols < NR) {
                for (int p = 0; p < kc; p++) {
                    int d = dOff + p * NR;
                    Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            }
        }
    }
}
