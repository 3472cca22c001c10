package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernels of {@link SimdGemm}: a {@code MR x (v * L)} tile of C, {@code v} in 1..2,
 * with {@code MR = 6} rows and {@code L} lanes per vector (8 on AVX2, so the widest tile is 6 x 16 and holds
 * twelve accumulators). A 4 x 24 tile has as many accumulators but needs one more register for its third B
 * vector; on AVX2's sixteen it spilled and ran at half the speed of 6 x 16 (measured: about 35 against 75
 * GFLOP/s on one core, in L1).
 *
 * <p>Both operands come packed by {@link GemmPacking}: A <em>pre-broadcast</em> (every element stored as
 * {@code L} equal lanes) so the inner loop is only vector loads and FMAs, and B as a {@code kc x NR} panel.
 * On AVX2 a scalar broadcast in the inner loop costs about a third of the throughput (see cpu-notes.md).
 *
 * <p>Edge tiles ({@code rows < MR} or {@code cols < NR}) compute the full tile, since the packed
 * operands are padded with zeros, and copy only the valid part to C through a scratch tile.
 */
final class GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** Rows of C per micro-tile. */
    static final int MR = 6;
    /** Vectors of C per micro-tile row. */
    static final int NV = 2;
    /** Columns of C per micro-tile (and per packed B panel). */
    static final int NR = NV * L;
    /** Most rows of a micro-tile that {@link #tile2Short} computes instead of the full kernel. */
    static final int SHORT_ROWS = 4;
    /** Floats of packed A per k step of one micro-panel. */
    static final int A_STEP = MR * L;

    private GemmKernel() {
    }

    /**
     * Computes one micro-tile: {@code C[rows, cols] (+)= Apanel * Bpanel} over {@code kc} steps.
     *
     * @param ap  packed pre-broadcast A micro-panel, {@code kc * MR * L} floats from {@code ao}
     * @param bp  packed B panel, {@code kc * NR} floats from {@code bo}
     * @param add  whether to add to C (true) or overwrite it
     * @param edge scratch of {@code MR * NR} floats for tiles that cover only part of a micro-tile
     * @param bias null, or (only when {@code add} is false) a value per row added to the tile as it is stored,
     *             row {@code r} reading {@code bias[biasOff + r]}: the same sum as storing the bias first and adding
     */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                     int rows, int cols, boolean add, float[] edge, float[] bias, int biasOff) {
        if (cols > L && rows > SHORT_ROWS) {
            tile2(kc, ap, ao, bp, bo, c, co, ldc, rows, cols, add, edge, bias, biasOff);
        } else if (cols > L) {
            tile2Short(kc, ap, ao, bp, bo, c, co, ldc, rows, cols, add, edge, bias, biasOff);
        } else {
            tile1(kc, ap, ao, bp, bo, c, co, ldc, rows, cols, add, edge, bias, biasOff);
        }
    }

    /** The main kernel, {@code 6 x 2L}: twelve accumulators, two B vectors, A read straight into the FMAs. */
    private static void tile2(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                              int rows, int cols, boolean add, float[] edge, float[] bias, int biasOff) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z;
        FloatVector c30 = z, c31 = z, c40 = z, c41 = z, c50 = z, c51 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * A_STEP;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a = FloatVector.fromArray(S, ap, ai);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.fromArray(S, ap, ai + L);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.fromArray(S, ap, ai + 2 * L);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.fromArray(S, ap, ai + 3 * L);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.fromArray(S, ap, ai + 4 * L);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.fromArray(S, ap, ai + 5 * L);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        if (rows == MR && cols == NR) {
            // Written out rather than in a helper: a helper taking vectors is too large to inline here,
            // and a call would box all twelve accumulators.
            int r0 = co, r1 = co + ldc, r2 = co + 2 * ldc, r3 = co + 3 * ldc, r4 = co + 4 * ldc, r5 = co + 5 * ldc;
            if (add) {
                c00 = c00.add(FloatVector.fromArray(S, c, r0));
                c01 = c01.add(FloatVector.fromArray(S, c, r0 + L));
                c10 = c10.add(FloatVector.fromArray(S, c, r1));
                c11 = c11.add(FloatVector.fromArray(S, c, r1 + L));
                c20 = c20.add(FloatVector.fromArray(S, c, r2));
                c21 = c21.add(FloatVector.fromArray(S, c, r2 + L));
                c30 = c30.add(FloatVector.fromArray(S, c, r3));
                c31 = c31.add(FloatVector.fromArray(S, c, r3 + L));
                c40 = c40.add(FloatVector.fromArray(S, c, r4));
                c41 = c41.add(FloatVector.fromArray(S, c, r4 + L));
                c50 = c50.add(FloatVector.fromArray(S, c, r5));
                c51 = c51.add(FloatVector.fromArray(S, c, r5 + L));
            } else if (bias != null) {
                FloatVector v = FloatVector.broadcast(S, bias[biasOff]);
                c00 = c00.add(v);
                c01 = c01.add(v);
                v = FloatVector.broadcast(S, bias[biasOff + 1]);
                c10 = c10.add(v);
                c11 = c11.add(v);
                v = FloatVector.broadcast(S, bias[biasOff + 2]);
                c20 = c20.add(v);
                c21 = c21.add(v);
                v = FloatVector.broadcast(S, bias[biasOff + 3]);
                c30 = c30.add(v);
                c31 = c31.add(v);
                v = FloatVector.broadcast(S, bias[biasOff + 4]);
                c40 = c40.add(v);
                c41 = c41.add(v);
                v = FloatVector.broadcast(S, bias[biasOff + 5]);
                c50 = c50.add(v);
                c51 = c51.add(v);
            }
            c00.intoArray(c, r0);
            c01.intoArray(c, r0 + L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
            c40.intoArray(c, r4);
            c41.intoArray(c, r4 + L);
            c50.intoArray(c, r5);
            c51.intoArray(c, r5 + L);
            return;
        }
        c00.intoArray(edge, 0);
        c01.intoArray(edge, L);
        c10.intoArray(edge, NR);
        c11.intoArray(edge, NR + L);
        c20.intoArray(edge, 2 * NR);
        c21.intoArray(edge, 2 * NR + L);
        c30.intoArray(edge, 3 * NR);
        c31.intoArray(edge, 3 * NR + L);
        c40.intoArray(edge, 4 * NR);
        c41.intoArray(edge, 4 * NR + L);
        c50.intoArray(edge, 5 * NR);
        c51.intoArray(edge, 5 * NR + L);
        storeEdge(edge, c, co, ldc, rows, cols, add, bias, biasOff);
    }

    /**
     * The kernel for a last micro-row of at most {@code SHORT_ROWS} rows ({@code m = 64} leaves 4, {@code m = 128}
     * leaves 2): the full kernel would spend a third or more of its multiply-adds on padding. Each row's sums are
     * those of {@link #tile2}, step for step, so the result does not depend on which kernel ran.
     */
    private static void tile2Short(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                                   int rows, int cols, boolean add, float[] edge, float[] bias, int biasOff) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * A_STEP;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector a = FloatVector.fromArray(S, ap, ai);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.fromArray(S, ap, ai + L);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.fromArray(S, ap, ai + 2 * L);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.fromArray(S, ap, ai + 3 * L);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(edge, 0);
        c01.intoArray(edge, L);
        c10.intoArray(edge, NR);
        c11.intoArray(edge, NR + L);
        c20.intoArray(edge, 2 * NR);
        c21.intoArray(edge, 2 * NR + L);
        c30.intoArray(edge, 3 * NR);
        c31.intoArray(edge, 3 * NR + L);
        storeEdge(edge, c, co, ldc, rows, cols, add, bias, biasOff);
    }

    /** The narrow kernel for a last panel of at most {@code L} columns. */
    private static void tile1(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                              int rows, int cols, boolean add, float[] edge, float[] bias, int biasOff) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z, c4 = z, c5 = z;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * A_STEP;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + p * NR);
            c0 = FloatVector.fromArray(S, ap, ai).fma(b0, c0);
            c1 = FloatVector.fromArray(S, ap, ai + L).fma(b0, c1);
            c2 = FloatVector.fromArray(S, ap, ai + 2 * L).fma(b0, c2);
            c3 = FloatVector.fromArray(S, ap, ai + 3 * L).fma(b0, c3);
            c4 = FloatVector.fromArray(S, ap, ai + 4 * L).fma(b0, c4);
            c5 = FloatVector.fromArray(S, ap, ai + 5 * L).fma(b0, c5);
        }
        c0.intoArray(edge, 0);
        c1.intoArray(edge, NR);
        c2.intoArray(edge, 2 * NR);
        c3.intoArray(edge, 3 * NR);
        c4.intoArray(edge, 4 * NR);
        c5.intoArray(edge, 5 * NR);
        storeEdge(edge, c, co, ldc, rows, cols, add, bias, biasOff);
    }

    /** Copies (or adds, or copies plus each row's bias) the valid {@code rows x cols} corner of a scratch tile. */
    private static void storeEdge(float[] edge, float[] c, int co, int ldc, int rows, int cols, boolean add,
                                  float[] bias, int biasOff) {
        for (int r = 0; r < rows; r++) {
            int ci = co + r * ldc;
            int ei = r * NR;
            if (add) {
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += edge[ei + j];
                }
            } else if (bias != null) {
                float b = bias[biasOff + r];
                for (int j = 0; j < cols; j++) {
                    c[ci + j] = b + edge[ei + j];
                }
            } else {
                System.arraycopy(edge, ei, c, ci, cols);
            }
        }
    }
}
