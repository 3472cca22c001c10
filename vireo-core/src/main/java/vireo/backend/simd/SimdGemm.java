package vireo.backend.simd;

import static vireo.backend.simd.GemmKernel.A_STEP;
import static vireo.backend.simd.GemmKernel.MR;
import static vireo.backend.simd.GemmKernel.NR;

import vireo.backend.Parallel;

/**
 * Blocked, packed, multithreaded float32 GEMM on the Vector API (the {@code sgemm} of the SIMD backend).
 *
 * <p>For a problem large enough to repay packing, the columns of C are cut into slabs (at most a bounded
 * amount of packed B each), and the threads share a slab as a grid of micro-rows x panels. When they split
 * only the columns (always so for one thread), each task runs:
 * <pre>
 *   for each column block jb (NC columns, evened out)
 *     for each depth block pc (kc steps)
 *       pack B[pc, jb] into NR-wide panels                          B block kc x NC, stays in L2
 *       for each micro-row ir (MR rows of C)
 *         pack A[ir, pc] pre-broadcast                              kc x MR x L floats, stays in L1
 *         for each panel jr in jb: micro-kernel C[ir, jr] (+)= A[ir, pc] * B[pc, jr]
 * </pre>
 * Packing each B block just before the kernels read it keeps it in L2; packing the whole slab first sent
 * it (megabytes for a convolution band) out to L3 and back. When the threads split the rows they share one
 * packed B, so the slab is packed first by all of them (a second fork/join) and the same loops read it.
 * The A micro-panel is the operand kept in L1 because its pre-broadcast form is L times larger per element
 * than a B panel: streaming it from L2 instead would exceed L2 bandwidth. Both orders sum every element of C
 * in the same order, so the result does not depend on the grid. Small or thin problems take
 * {@link GemmDirect} (no packing, no tasks); calls from inside a pool task run on that thread alone.
 *
 * <p>Shapes: {@code op(A)} is {@code [m, k]}, {@code op(B)} is {@code [k, n]}, {@code C} is {@code [m, n]}, all
 * row-major with leading dimensions {@code lda, ldb, ldc}.
 */
final class SimdGemm {
    /** Depth of a block: keeps the pre-broadcast A micro-panel ({@code KC * MR * L} floats) near 24 KiB. */
    static final int KC = Math.max(16, Integer.getInteger("vireo.gemm.kc", 6144 / A_STEP));
    /** Panels per column block: a {@code KC x NC_PANELS * NR} B block is near 256 KiB of the 512 KiB L2. */
    static final int NC_PANELS = Math.max(1, Integer.getInteger("vireo.gemm.ncPanels", 32));
    /** Most floats of packed B per slab (8 MiB, a quarter of L3). */
    static final int SLAB_FLOATS = Math.max(1, Integer.getInteger("vireo.gemm.slab", 1 << 21));
    /** Most steps of k per packed product: a slab then holds at least eight panels. */
    static final int K_CHUNK = Math.max(KC, SLAB_FLOATS / (8 * NR));
    /**
     * Below this many multiply-adds the direct path wins (measured: it does at 8 x 8 x 8, they tie near
     * 16 x 16 x 16, and packing wins from 32 x 32 x 32 on, its 6 x 16 tiles beating the direct 1 x 32 rows).
     */
    static final long SMALL_WORK = Long.getLong("vireo.gemm.small", 4096);
    /**
     * What one fork/join of the compute pool costs the busiest thread, in cycles. An empty fork/join measures
     * 20 to 50 microseconds here, but inside GEMM calls the break-even point sat near 7M multiply-adds
     * (128^3 ran 2.8x faster on one thread than on two, 256^3 1.2x slower), which this value reproduces. Measured
     * with the fork/join pool that preceded {@code ComputePool}; a hand-off to a spinning worker is cheaper, yet a
     * tenth of this value ran LeNet-5 about 10% slower (more small products split), so it stays.
     */
    static final double FORK_CYCLES = Long.getLong("vireo.gemm.forkCycles", 300_000);

    private SimdGemm() {
    }

    static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate, null, 0);
    }

    /**
     * {@code C = A * B + bias} with row {@code i} of C getting {@code rowBias[biasOff + i]}: the same values as
     * filling C with the bias and accumulating, without the extra pass over C (the packed kernels add the bias
     * as they first store a tile).
     */
    static void sgemmRowBias(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float[] c, int cOff, int ldc, float[] rowBias, int biasOff) {
        sgemm(false, false, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, false, rowBias, biasOff);
    }

    private static void sgemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                              float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate,
                              float[] rowBias, int biasOff) {
        if (m <= 0 || n <= 0) {
            return;
        }
        long work = (long) m * n * k;
        boolean direct = k <= 0 || work < SMALL_WORK || m == 1 || (n == 1 && !transA);
        if (rowBias != null && direct) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, rowBias[biasOff + i]);
            }
            accumulate = true;
            rowBias = null;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        // A row vector times a matrix, or a matrix times a column vector stored contiguously along k: packing
        // would pad the single row or column to a whole micro-tile.
        if (direct) {
            GemmDirect.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int threads = Parallel.inParallelRegion() ? 1 : Parallel.numThreads();
        // Very deep products go in chunks of k so that even one packed panel of B stays a bounded workspace.
        for (int p0 = 0; p0 < k; p0 += K_CHUNK) {
            int kk = Math.min(K_CHUNK, k - p0);
            int ao = aOff + (transA ? p0 * lda : p0);
            int bo = bOff + (transB ? p0 : p0 * ldb);
            new Blocked(transA, transB, m, n, kk, a, ao, lda, b, bo, ldb, c, cOff, ldc, accumulate || p0 > 0, threads,
                    p0 == 0 ? rowBias : null, biasOff).run();
        }
    }

    /** One packed product: the blocking plan and the loops over it. */
    private static final class Blocked {
        private final boolean transA, transB, accumulate;
        private final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc, threads;
        private final float[] a, b, c;
        /** Null, or the bias of each row of C, added where a tile is first stored (never with accumulate). */
        private final float[] rowBias;
        private final int biasOff;
        /** Depth of a block, evened out so that no block is a short remainder. */
        private final int kcStep;

        Blocked(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate, int threads,
                float[] rowBias, int biasOff) {
            this.rowBias = rowBias;
            this.biasOff = biasOff;
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
            this.kcStep = ceilDiv(k, ceilDiv(k, KC));
        }

        void run() {
            int slabPanels = Math.max(1, SLAB_FLOATS / (k * NR));
            int totalPanels = ceilDiv(n, NR);
            int slabs = ceilDiv(totalPanels, slabPanels);
            slabPanels = ceilDiv(totalPanels, slabs);
            int microRows = ceilDiv(m, MR);
            for (int js = 0; js < n; js += slabPanels * NR) {
                int j0 = js;
                int ns = Math.min(slabPanels * NR, n - js);
                int panels = ceilDiv(ns, NR);
                int[] grid = grid(microRows, panels);
                int rowGroups = grid[0];
                int colGroups = grid[1];
                if (rowGroups == 1) {
                    // Each task packs the panels only it reads, block by block as it reaches them: one fork/join,
                    // no hand-over of B, and each packed block is still in L2 when the micro-kernels read it.
                    Parallel.RangeBody body = (lo, hi) -> {
                        for (int g = lo; g < hi; g++) {
                            computeOwnB(microRows, Parallel.chunkStart(panels, colGroups, g),
                                    Parallel.chunkStart(panels, colGroups, g + 1), j0, ns);
                        }
                    };
                    Parallel.forChunks(colGroups, colGroups, body);
                } else {
                    float[] bBuf = GemmWorkspace.get().b(panels * k * NR);
                    Parallel.forChunks(panels, colGroups * rowGroups, (lo, hi) -> packB(lo, hi, panels, bBuf, j0, ns));
                    Parallel.forChunks(rowGroups * colGroups, rowGroups * colGroups, (lo, hi) -> {
                        for (int t = lo; t < hi; t++) {
                            int rg = t / colGroups;
                            int cg = t % colGroups;
                            compute(Parallel.chunkStart(microRows, rowGroups, rg),
                                    Parallel.chunkStart(microRows, rowGroups, rg + 1),
                                    Parallel.chunkStart(panels, colGroups, cg),
                                    Parallel.chunkStart(panels, colGroups, cg + 1), panels, bBuf, j0, ns);
                        }
                    });
                }
            }
        }

        /**
         * Packs panels {@code [q0, q1)} of the slab at column {@code js}. The slab is stored depth block by depth
         * block ({@code kc x panels*NR} each), so a block the kernels sweep is contiguous: with panels of all k
         * steps end to end, the slices of one block sat a multiple of 4 KiB apart and fought over the same
         * cache sets.
         */
        private void packB(int q0, int q1, int panels, float[] bBuf, int js, int ns) {
            for (int q = q0; q < q1; q++) {
                int j = q * NR;
                int cols = Math.min(NR, ns - j);
                for (int pc = 0; pc < k; pc += kcStep) {
                    int kc = Math.min(kcStep, k - pc);
                    GemmPacking.packB(transB, b, bOff, ldb, pc, kc, js + j, cols, bBuf, pc * panels * NR + q * kc * NR);
                }
            }
        }

        /**
         * Chooses how the threads share a slab: {@code {rowGroups, colGroups}}. Row groups share one packed B (an
         * extra fork/join to hand it over) and pack disjoint A; column groups pack their own B but the same A
         * again each. One group (serial) wins when the work does not repay a fork/join.
         */
        private int[] grid(int microRows, int panels) {
            int[] best = {1, 1};
            double bestCost = cost(microRows, panels, 1, 1);
            for (int rg = 1; rg <= threads; rg++) {
                if (threads % rg == 0) {
                    int cg = threads / rg;
                    double cost = cost(microRows, panels, rg, cg);
                    if (cost < bestCost && cg <= panels && rg <= microRows) {
                        bestCost = cost;
                        best = new int[] {rg, cg};
                    }
                }
            }
            return best;
        }

        /** Estimated cycles of the busiest thread. */
        private double cost(int microRows, int panels, int rg, int cg) {
            double rowsEach = (double) ceilDiv(microRows, rg) * MR;
            int panelsEach = ceilDiv(panels, cg);
            double colsEach = (double) panelsEach * NR;
            double compute = rowsEach * colsEach * k / 12.0; // about 12 multiply-adds per cycle in the kernel
            double packA = rowsEach * k * ceilDiv(panelsEach, NC_PANELS); // one vector store per element
            double packB = (double) k * panels * NR / (rg * cg) * (transB ? 1.5 : 0.3);
            double forks = rg * cg == 1 ? 0 : (rg == 1 ? 1 : 2) * FORK_CYCLES;
            return compute + packA + packB + forks;
        }

        /** Micro-rows {@code [r0, r1)} times panels {@code [q0, q1)} of the slab starting at column {@code js}. */
        private void compute(int r0, int r1, int q0, int q1, int panels, float[] bBuf, int js, int ns) {
            GemmWorkspace ws = GemmWorkspace.get();
            float[] aBuf = ws.a(kcStep * A_STEP);
            int step = blockPanels(q1 - q0);
            for (int jb = q0; jb < q1; jb += step) {
                int jbEnd = Math.min(q1, jb + step);
                for (int pc = 0; pc < k; pc += kcStep) {
                    int kc = Math.min(kcStep, k - pc);
                    boolean add = accumulate || pc > 0;
                    for (int r = r0; r < r1; r++) {
                        int i = r * MR;
                        int rows = Math.min(MR, m - i);
                        GemmPacking.packA(transA, a, aOff, lda, i, rows, pc, kc, aBuf);
                        int ci = cOff + i * ldc + js;
                        for (int q = jb; q < jbEnd; q++) {
                            int j = q * NR;
                            GemmKernel.tile(kc, aBuf, 0, bBuf, pc * panels * NR + q * kc * NR, c, ci + j, ldc, rows,
                                    Math.min(NR, ns - j), add, ws.edge, add ? null : rowBias, biasOff + i);
                        }
                    }
                }
            }
        }

        /**
         * Micro-rows {@code [0, microRows)} times panels {@code [q0, q1)} of the slab at column {@code js}, packing B
         * itself one {@code kc x NC} block at a time into this thread's block buffer. The sums run in the same order
         * as in {@link #compute}, so results do not depend on which of the two ran.
         */
        private void computeOwnB(int microRows, int q0, int q1, int js, int ns) {
            GemmWorkspace ws = GemmWorkspace.get();
            float[] aBuf = ws.a(kcStep * A_STEP);
            int step = blockPanels(q1 - q0);
            float[] block = ws.block(kcStep * step * NR);
            for (int jb = q0; jb < q1; jb += step) {
                int jbEnd = Math.min(q1, jb + step);
                for (int pc = 0; pc < k; pc += kcStep) {
                    int kc = Math.min(kcStep, k - pc);
                    boolean add = accumulate || pc > 0;
                    for (int q = jb; q < jbEnd; q++) {
                        int j = q * NR;
                        GemmPacking.packB(transB, b, bOff, ldb, pc, kc, js + j, Math.min(NR, ns - j), block,
                                (q - jb) * kc * NR);
                    }
                    for (int r = 0; r < microRows; r++) {
                        int i = r * MR;
                        int rows = Math.min(MR, m - i);
                        GemmPacking.packA(transA, a, aOff, lda, i, rows, pc, kc, aBuf);
                        int ci = cOff + i * ldc + js;
                        for (int q = jb; q < jbEnd; q++) {
                            int j = q * NR;
                            GemmKernel.tile(kc, aBuf, 0, block, (q - jb) * kc * NR, c, ci + j, ldc, rows,
                                    Math.min(NR, ns - j), add, ws.edge, add ? null : rowBias, biasOff + i);
                        }
                    }
                }
            }
        }
    }

    /**
     * Panels per column block for a run of {@code panels}: at most {@link #NC_PANELS}, evened out so that the last
     * block is not a sliver (A is packed again for every block, which a block of few panels does not repay).
     */
    private static int blockPanels(int panels) {
        return ceilDiv(panels, ceilDiv(panels, NC_PANELS));
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
