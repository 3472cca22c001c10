package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Square float blocks as wide as a vector, transposed through registers: rounds of interleaving pairs of rows with
 * two-vector permutes (log2 of the width), where a scalar loop pays a load and a store per element. Each round makes
 * rows {@code 2i} and {@code 2i+1} of the interleaved halves of rows {@code i} and {@code i + width/2}; after the
 * last, row {@code j} is column {@code j}. Only the preferred vector shape is used (see the README's Speed section).
 */
final class RegisterTranspose {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Whether {@link #block8} can run: the preferred vectors hold 8 floats (AVX2). */
    static final boolean EIGHT = S.length() == 8;

    /** Whether {@link #block16} can run: the preferred vectors hold 16 floats (AVX-512). */
    static final boolean SIXTEEN = S.length() == 16;

    /** Interleaves the first halves of two rows ({@code a0 b0 a1 b1 ...}; lanes past the width name the second). */
    private static final VectorShuffle<Float> LO = EIGHT ? VectorShuffle.fromValues(S, 0, 8, 1, 9, 2, 10, 3, 11)
            : SIXTEEN ? VectorShuffle.fromValues(S, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23) : null;
    /** Interleaves the second halves of two rows. */
    private static final VectorShuffle<Float> HI = EIGHT ? VectorShuffle.fromValues(S, 4, 12, 5, 13, 6, 14, 7, 15)
            : SIXTEEN ? VectorShuffle.fromValues(S, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31)
            : null;

    private RegisterTranspose() {
    }

    /** {@code dst[d + j*ldd + i] = src[s + i*lds + j]} for {@code i, j < 8}: three rounds. */
    static void block8(float[] src, int s, int lds, float[] dst, int d, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, src, s);
        FloatVector r1 = FloatVector.fromArray(S, src, s + lds);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * lds);
        for (int round = 0; round < 3; round++) {
            FloatVector a0 = r0.rearrange(LO, r4);
            FloatVector a1 = r0.rearrange(HI, r4);
            FloatVector a2 = r1.rearrange(LO, r5);
            FloatVector a3 = r1.rearrange(HI, r5);
            FloatVector a4 = r2.rearrange(LO, r6);
            FloatVector a5 = r2.rearrange(HI, r6);
            FloatVector a6 = r3.rearrange(LO, r7);
            FloatVector a7 = r3.rearrange(HI, r7);
            r0 = a0;
            r1 = a1;
            r2 = a2;
            r3 = a3;
            r4 = a4;
            r5 = a5;
            r6 = a6;
            r7 = a7;
        }
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + ldd);
        r2.intoArray(dst, d + 2 * ldd);
        r3.intoArray(dst, d + 3 * ldd);
        r4.intoArray(dst, d + 4 * ldd);
        r5.intoArray(dst, d + 5 * ldd);
        r6.intoArray(dst, d + 6 * ldd);
        r7.intoArray(dst, d + 7 * ldd);
    }

    /** {@code dst[d + j*ldd + i] = src[s + i*lds + j]} for {@code i, j < 16}: four rounds. */
    static void block16(float[] src, int s, int lds, float[] dst, int d, int ldd) {
        FloatVector r0 = FloatVector.fromArray(S, src, s);
        FloatVector r1 = FloatVector.fromArray(S, src, s + lds);
        FloatVector r2 = FloatVector.fromArray(S, src, s + 2 * lds);
        FloatVector r3 = FloatVector.fromArray(S, src, s + 3 * lds);
        FloatVector r4 = FloatVector.fromArray(S, src, s + 4 * lds);
        FloatVector r5 = FloatVector.fromArray(S, src, s + 5 * lds);
        FloatVector r6 = FloatVector.fromArray(S, src, s + 6 * lds);
        FloatVector r7 = FloatVector.fromArray(S, src, s + 7 * lds);
        FloatVector r8 = FloatVector.fromArray(S, src, s + 8 * lds);
        FloatVector r9 = FloatVector.fromArray(S, src, s + 9 * lds);
        FloatVector r10 = FloatVector.fromArray(S, src, s + 10 * lds);
        FloatVector r11 = FloatVector.fromArray(S, src, s + 11 * lds);
        FloatVector r12 = FloatVector.fromArray(S, src, s + 12 * lds);
        FloatVector r13 = FloatVector.fromArray(S, src, s + 13 * lds);
        FloatVector r14 = FloatVector.fromArray(S, src, s + 14 * lds);
        FloatVector r15 = FloatVector.fromArray(S, src, s + 15 * lds);
        for (int round = 0; round < 4; round++) {
            FloatVector a0 = r0.rearrange(LO, r8);
            FloatVector a1 = r0.rearrange(HI, r8);
            FloatVector a2 = r1.rearrange(LO, r9);
            FloatVector a3 = r1.rearrange(HI, r9);
            FloatVector a4 = r2.rearrange(LO, r10);
            FloatVector a5 = r2.rearrange(HI, r10);
            FloatVector a6 = r3.rearrange(LO, r11);
            FloatVector a7 = r3.rearrange(HI, r11);
            FloatVector a8 = r4.rearrange(LO, r12);
            FloatVector a9 = r4.rearrange(HI, r12);
            FloatVector a10 = r5.rearrange(LO, r13);
            FloatVector a11 = r5.rearrange(HI, r13);
            FloatVector a12 = r6.rearrange(LO, r14);
            FloatVector a13 = r6.rearrange(HI, r14);
            FloatVector a14 = r7.rearrange(LO, r15);
            FloatVector a15 = r7.rearrange(HI, r15);
            r0 = a0;
            r1 = a1;
            r2 = a2;
            r3 = a3;
            r4 = a4;
            r5 = a5;
            r6 = a6;
            r7 = a7;
            r8 = a8;
            r9 = a9;
            r10 = a10;
            r11 = a11;
            r12 = a12;
            r13 = a13;
            r14 = a14;
            r15 = a15;
        }
        r0.intoArray(dst, d);
        r1.intoArray(dst, d + ldd);
        r2.intoArray(dst, d + 2 * ldd);
        r3.intoArray(dst, d + 3 * ldd);
        r4.intoArray(dst, d + 4 * ldd);
        r5.intoArray(dst, d + 5 * ldd);
        r6.intoArray(dst, d + 6 * ldd);
        r7.intoArray(dst, d + 7 * ldd);
        r8.intoArray(dst, d + 8 * ldd);
        r9.intoArray(dst, d + 9 * ldd);
        r10.intoArray(dst, d + 10 * ldd);
        r11.intoArray(dst, d + 11 * ldd);
        r12.intoArray(dst, d + 12 * ldd);
        r13.intoArray(dst, d + 13 * ldd);
        r14.intoArray(dst, d + 14 * ldd);
        r15.intoArray(dst, d + 15 * ldd);
    }
}
