package vireo.backend.simd;

import static vireo.backend.simd.GemmKernel.A_STEP;
import static vireo.backend.simd.GemmKernel.MR;
import static vireo.backend.simd.GemmKernel.NR;

import vireo.backend.Parallel;

/**
 * Blocked, packed, multithreaded float32 GEMM on the Vector API (the {@code sgemm} of the SIMD backend).
 *
 * <p>Loop nest, for a problem large enough to repay packing:
 * <pre>
 *   for each column block jc (nc columns of C)                 B block kc x nc lives in L2
 *     for each depth block pc (kc steps)
 *       pack B[pc, jc] into NR-wide panels                     (in parallel, shared by all threads)
 *       for each micro-row ir (MR rows of C)                   (in parallel)
 *         pack A[ir, pc] pre-broadcast                         (kc x MR x L floats, stays in L1)
 *         for each panel jr: micro-kernel C[ir, jr] (+)= A[ir, pc] * B[pc, jr]
 * </pre>
 * The A micro-panel is the operand kept in L1 because its pre-broadcast form is L times larger per element
 * than a B panel: streaming it from L2 instead would exceed L2 bandwidth. Small or thin problems take
 * {@link GemmDirect} (no packing, no tasks).
 *
 * <p>Shapes: {@code op(A)} is {@code [m, k]}, {@code op(B)} is {@code [k, n]}, {@code C} is {@code [m, n]}, all
 * row-major with leading dimensions {@code lda, ldb, ldc}.
 */
final class SimdGemm {
    /** Depth of a block: keeps the pre-broadcast A micro-panel ({@code KC * MR * L} floats) near 24 KiB. */
    static final int KC = Math.max(16, Integer.getInteger("vireo.gemm.kc", 6144 / A_STEP));
    /** Width of a B block: {@code KC * NC} floats near 300 KiB of the 512 KiB L2. */
    static final int NC = Math.max(1, Integer.getInteger("vireo.gemm.ncPanels", 32)) * NR;
    /** Below this many multiply-adds the direct path wins: packing and task start-up cost more than they save. */
    static final long SMALL_WORK = Long.getLong("vireo.gemm.small", 32_768);
    /** Below this many multiply-adds one thread does the whole product. */
    static final long PARALLEL_WORK = Long.getLong("vireo.gemm.parallel", 1L << 19);

    private SimdGemm() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        long work = (long) m * n * k;
        if (work < SMALL_WORK || m == 1 || n == 1) {
            GemmDirect.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int threads = work >= PARALLEL_WORK ? Parallel.numThreads() : 1;
        new Blocked(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, threads).run();
    }

    /** One packed product: the blocking plan and the loops over it. */
    private static final class Blocked {
        private final boolean transA, transB, accumulate;
        private final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, threads;
        private final float[] a, b, c;

        Blocked(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate, int threads) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            this.a = a;
            this.aOff = aOff;
            this.lda = lda;
            this.b = b;
            this.bOff = bOff;
            this.ldb = ldb;
            this.c = c;
            this.cOff = cOff;
            this.ldc = ldc;
            this.accumulate = accumulate;
            this.threads = threads;
        }

        void run() {
            // Even splits: a last block of a few steps or columns would run the kernel at a fraction of its speed.
            int kBlocks = ceilDiv(k, KC);
            int kcStep = ceilDiv(k, kBlocks);
            int nBlocks = ceilDiv(n, NC);
            int ncStep = ceilDiv(ceilDiv(n, nBlocks), NR) * NR;
            float[] bBuf = GemmWorkspace.get().b(kcStep * ncStep);
            int microRows = ceilDiv(m, MR);
            for (int jc = 0; jc < n; jc += ncStep) {
                int nc = Math.min(ncStep, n - jc);
                int panels = ceilDiv(nc, NR);
                // Split columns too when there are too few micro-rows to keep every thread busy.
                int colGroups = threads == 1 || microRows >= 2 * threads
                        ? 1 : Math.min(panels, ceilDiv(2 * threads, microRows));
                for (int pc = 0; pc < k; pc += kcStep) {
                    int kc = Math.min(kcStep, k - pc);
                    boolean add = accumulate || pc > 0;
                    packB(bBuf, jc, nc, panels, pc, kc);
                    int j0 = jc;
                    int p0 = pc;
                    Parallel.RangeBody body = (lo, hi) -> compute(lo, hi, colGroups, panels, bBuf, j0, nc, p0, kc, add);
                    int tasks = microRows * colGroups;
                    if (threads == 1) {
                        body.run(0, tasks);
                    } else {
                        Parallel.forChunks(tasks, threads, body);
                    }
                }
            }
        }

        private void packB(float[] bBuf, int jc, int nc, int panels, int pc, int kc) {
            Parallel.RangeBody body = (lo, hi) -> {
                for (int q = lo; q < hi; q++) {
                    int j = q * NR;
                    GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc + j, Math.min(NR, nc - j), bBuf, q * kc * NR);
                }
            };
            if (threads == 1 || (long) kc * nc < 32_768) {
                body.run(0, panels);
            } else {
                Parallel.forChunks(panels, threads, body);
            }
        }

        /** Runs tasks {@code [lo, hi)}; task {@code t} is micro-row {@code t / colGroups}, panel group {@code t % colGroups}. */
        private void compute(int lo, int hi, int colGroups, int panels, float[] bBuf, int jc, int nc, int pc, int kc,
                             boolean add) {
            GemmWorkspace ws = GemmWorkspace.get();
            float[] aBuf = ws.a(kc * A_STEP);
            int packedRow = -1;
            for (int t = lo; t < hi; t++) {
                int r = t / colGroups;
                int g = t % colGroups;
                int i = r * MR;
                int rows = Math.min(MR, m - i);
                if (r != packedRow) {
                    GemmPacking.packA(transA, a, aOff, lda, i, rows, pc, kc, aBuf);
                    packedRow = r;
                }
                int qEnd = (int) ((long) panels * (g + 1) / colGroups);
                int ci = cOff + i * ldc + jc;
                for (int q = (int) ((long) panels * g / colGroups); q < qEnd; q++) {
                    int j = q * NR;
                    GemmKernel.tile(kc, aBuf, 0, bBuf, q * kc * NR, c, ci + j, ldc, rows, Math.min(NR, nc - j), add,
                            ws.edge);
                }
            }
        }
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
