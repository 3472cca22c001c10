package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tiled micro-kernels of {@link SimdGemm}: a {@code MR x (v * L)} tile of C, {@code v} in 1..3,
 * with {@code MR = 4} rows and {@code L} lanes per vector (8 on AVX2, so the widest tile is 4 x 24 and holds
 * twelve accumulators).
 *
 * <p>Both operands come packed by {@link GemmPacking}: A <em>pre-broadcast</em> (every element stored as
 * {@code L} equal lanes) so the inner loop is only vector loads and FMAs, and B as a {@code kc x NR} panel.
 * On AVX2 a scalar broadcast in the inner loop costs about a third of the throughput (see cpu-notes.md).
 *
 * <p>Edge tiles ({@code rows < MR} or {@code cols < v * L}) compute the full tile, since the packed
 * operands are padded, and store only the valid part with masks.
 */
final class GemmKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** Rows of C per micro-tile. */
    static final int MR = 4;
    /** Vectors of C per micro-tile row. */
    static final int NV = 3;
    /** Columns of C per micro-tile (and per packed B panel). */
    static final int NR = NV * L;
    /** Floats of packed A per k step of one micro-panel. */
    static final int A_STEP = MR * L;

    private GemmKernel() {
    }

    /**
     * Computes one micro-tile: {@code C[rows, cols] (+)= Apanel * Bpanel} over {@code kc} steps.
     *
     * @param ap  packed pre-broadcast A micro-panel, {@code kc * MR * L} floats from {@code ao}
     * @param bp  packed B panel, {@code kc * NR} floats from {@code bo}
     * @param add whether to add to C (true) or overwrite it
     */
    static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                     int rows, int cols, boolean add) {
        if (cols > 2 * L) {
            tile3(kc, ap, ao, bp, bo, c, co, ldc, rows, cols, add);
        } else if (cols > L) {
            tile2(kc, ap, ao, bp, bo, c, co, ldc, rows, cols, add);
        } else {
            tile1(kc, ap, ao, bp, bo, c, co, ldc, rows, cols, add);
        }
    }

    private static void tile3(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                              int rows, int cols, boolean add) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c00 = z, c01 = z, c02 = z, c10 = z, c11 = z, c12 = z;
        FloatVector c20 = z, c21 = z, c22 = z, c30 = z, c31 = z, c32 = z;
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * A_STEP;
            FloatVector b0 = FloatVector.fromArray(S, bp, bi);
            FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bi + 2 * L);
            FloatVector a = FloatVector.fromArray(S, ap, ai);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            a = FloatVector.fromArray(S, ap, ai + L);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            a = FloatVector.fromArray(S, ap, ai + 2 * L);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            a = FloatVector.fromArray(S, ap, ai + 3 * L);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
        }
        if (rows == MR && cols == NR) {
            int r0 = co, r1 = co + ldc, r2 = co + 2 * ldc, r3 = co + 3 * ldc;
            if (add) {
                c00 = c00.add(FloatVector.fromArray(S, c, r0));
                c01 = c01.add(FloatVector.fromArray(S, c, r0 + L));
                c02 = c02.add(FloatVector.fromArray(S, c, r0 + 2 * L));
                c10 = c10.add(FloatVector.fromArray(S, c, r1));
                c11 = c11.add(FloatVector.fromArray(S, c, r1 + L));
                c12 = c12.add(FloatVector.fromArray(S, c, r1 + 2 * L));
                c20 = c20.add(FloatVector.fromArray(S, c, r2));
                c21 = c21.add(FloatVector.fromArray(S, c, r2 + L));
                c22 = c22.add(FloatVector.fromArray(S, c, r2 + 2 * L));
                c30 = c30.add(FloatVector.fromArray(S, c, r3));
                c31 = c31.add(FloatVector.fromArray(S, c, r3 + L));
                c32 = c32.add(FloatVector.fromArray(S, c, r3 + 2 * L));
            }
            c00.intoArray(c, r0);
            c01.intoArray(c, r0 + L);
            c02.intoArray(c, r0 + 2 * L);
            c10.intoArray(c, r1);
            c11.intoArray(c, r1 + L);
            c12.intoArray(c, r1 + 2 * L);
            c20.intoArray(c, r2);
            c21.intoArray(c, r2 + L);
            c22.intoArray(c, r2 + 2 * L);
            c30.intoArray(c, r3);
            c31.intoArray(c, r3 + L);
            c32.intoArray(c, r3 + 2 * L);
            return;
        }
        putRow(c00, c01, c02, c, co, cols, add);
        if (rows > 1) {
            putRow(c10, c11, c12, c, co + ldc, cols, add);
        }
        if (rows > 2) {
            putRow(c20, c21, c22, c, co + 2 * ldc, cols, add);
        }
        if (rows > 3) {
            putRow(c30, c31, c32, c, co + 3 * ldc, cols, add);
        }
    }

    private static void tile2(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                              int rows, int cols, boolean add) {
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
        putRow(c00, c01, z, c, co, cols, add);
        if (rows > 1) {
            putRow(c10, c11, z, c, co + ldc, cols, add);
        }
        if (rows > 2) {
            putRow(c20, c21, z, c, co + 2 * ldc, cols, add);
        }
        if (rows > 3) {
            putRow(c30, c31, z, c, co + 3 * ldc, cols, add);
        }
    }

    private static void tile1(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc,
                              int rows, int cols, boolean add) {
        FloatVector z = FloatVector.zero(S);
        FloatVector c0 = z, c1 = z, c2 = z, c3 = z;
        for (int p = 0; p < kc; p++) {
            int ai = ao + p * A_STEP;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo + p * NR);
            c0 = FloatVector.fromArray(S, ap, ai).fma(b0, c0);
            c1 = FloatVector.fromArray(S, ap, ai + L).fma(b0, c1);
            c2 = FloatVector.fromArray(S, ap, ai + 2 * L).fma(b0, c2);
            c3 = FloatVector.fromArray(S, ap, ai + 3 * L).fma(b0, c3);
        }
        putRow(c0, z, z, c, co, cols, add);
        if (rows > 1) {
            putRow(c1, z, z, c, co + ldc, cols, add);
        }
        if (rows > 2) {
            putRow(c2, z, z, c, co + 2 * ldc, cols, add);
        }
        if (rows > 3) {
            putRow(c3, z, z, c, co + 3 * ldc, cols, add);
        }
    }

    /** Stores the first {@code cols} lanes of {@code v0 | v1 | v2} to {@code c[off...]}, adding when asked. */
    private static void putRow(FloatVector v0, FloatVector v1, FloatVector v2, float[] c, int off, int cols,
                               boolean add) {
        put(v0, c, off, cols, add);
        if (cols > L) {
            put(v1, c, off + L, cols - L, add);
        }
        if (cols > 2 * L) {
            put(v2, c, off + 2 * L, cols - 2 * L, add);
        }
    }

    private static void put(FloatVector v, float[] c, int off, int valid, boolean add) {
        if (valid >= L) {
            if (add) {
                v = v.add(FloatVector.fromArray(S, c, off));
            }
            v.intoArray(c, off);
        } else {
            VectorMask<Float> m = S.indexInRange(0, valid);
            if (add) {
                v = v.add(FloatVector.fromArray(S, c, off, m));
            }
            v.intoArray(c, off, m);
        }
    }
}
