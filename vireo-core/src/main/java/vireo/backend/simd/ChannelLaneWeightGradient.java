package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vireo.backend.Conv2dShape;
import vireo.backend.Parallel;
import vireo.backend.simd.SmallConv2d.Plan;
import vireo.backend.simd.SmallConv2d.Scratch;

/**
 * A weight gradient with output channels across the lanes (see {@link #accumulate}), for two kinds of shape.
 * <ul>
 *   <li>{@link SmallConv2d}'s, where the wide kernel's garbage columns waste more than partly filled channel
 *       vectors do: deeper inputs on small planes, like LeNet-5's conv2 (6 to 16 channels, 10x10 outputs in rows of
 *       14: 160 cells computed for 100) and the MNIST {@code Net}'s. Measured on its backward pass, Zen 5, 2
 *       threads: 275 to 161 us for LeNet-5's conv2, 397 to 267 us for the {@code Net}'s; 1.5-1.6x with AVX2. The
 *       first convolutions (one input channel, planes of 24 to 32 columns) stay wide: there this kernel was
 *       1.8-2.2x slower.</li>
 *   <li>With AVX-512, {@link SimdConv2d}'s stride-1 convolutions of 64+ output channels ({@link #replacesGemm}):
 *       four vectors of channels by six taps make 24 accumulators, 16 multiply-adds per 10 loads, and no column
 *       matrix is built or packed. Against im2col and the GEMM, Zen 5, 2 threads, medians of 8: the seed CNN's
 *       second convolution (batch 128, 32 to 64 channels, 26x26) 17.7 to 10.9 ms, ResNet's 3x3 convolutions at
 *       batch 16 on 56x56, 28x28, 14x14 and 7x7 maps 1.6x, 1.3x, 1.25x and 1.1x faster.</li>
 * </ul>
 * Same chunks of images as the wide kernel; within a chunk each weight sums image by image, row by row. The sums
 * run longer than the GEMM's blocks, so they round a little more: errors measured against float64 stayed below
 * 5e-8 of the sum of the terms' magnitudes (the GEMM's below 1e-8).
 */
final class ChannelLaneWeightGradient {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Taps per block of {@link #accumulate}: its accumulators, one vector each. */
    private static final int TAPS = 8;

    /**
     * Whether {@link #fourVectors} may run: its 24 accumulators, 4 channel vectors and a broadcast need AVX-512's
     * 32 vector registers (AVX2 has 16).
     */
    private static final boolean FOUR_VECTORS = L >= 16;

    /** Taps rounded up to this cover whole blocks of every kernel (8, 6 and 4 taps). */
    private static final int TAP_BLOCKS = 24;

    /** Largest padded input plane {@link #replacesGemm} takes, in floats: a chunk's copies stay a few megabytes. */
    private static final int MAX_PLANE = 64 * 64;

    /**
     * What a multiply-add of the wide weight-gradient kernel costs against one of the channel-lane kernel, beyond
     * the wasted cells each computes: measured, the wide one's taps are unaligned loads, the other's broadcasts.
     */
    private static final double WIDE_COST = 1.2;

    private ChannelLaneWeightGradient() {
    }

    /**
     * True where this kernel wastes fewer multiply-adds than the wide one, those weighed {@link #WIDE_COST} times:
     * its channels and taps rounded up to whole vectors and blocks, against the wide rows' garbage columns.
     */
    static boolean suits(Plan f) {
        double waste = (double) Math.ceilDiv(f.cOut, L) * L / f.cOut * (Math.ceilDiv(f.k, TAPS) * TAPS) / f.k;
        return waste < WIDE_COST * f.pw / (f.outRows * f.outCols);
    }

    /**
     * True for a shape that would otherwise take {@link SimdConv2d}'s im2col and GEMM and that this kernel computes
     * faster: stride 1, no dilation, one group, a kernel larger than 1x1, planes of at most {@link #MAX_PLANE}
     * padded cells, and whole groups of four channel vectors (with AVX-512 only).
     */
    static boolean replacesGemm(Conv2dShape s) {
        return FOUR_VECTORS && s.groups() == 1 && s.strideH() == 1 && s.strideW() == 1 && s.dilationH() == 1
                && s.dilationW() == 1 && s.kh() * s.kw() > 1 && s.cOut() % (4 * L) == 0
                && (long) (s.h() + s.padTop() + s.padBottom()) * (s.w() + s.padLeft() + s.padRight()) <= MAX_PLANE;
    }

    /** {@code gw} (and {@code gb} unless null) of the forward geometry {@code f} over {@code n} images. */
    static void compute(Plan f, int n, float[] x, float[] gy, float[] gw, float[] gb) {
        int cOut = f.cOut;
        int cp = Math.ceilDiv(cOut, L) * L; // channels padded to whole vectors
        int positions = f.outRows * f.outCols;
        int kb = Math.ceilDiv(f.k, TAP_BLOCKS) * TAP_BLOCKS;
        int gwSize = kb * cp; // per chunk: [tap][channel]
        int perChunk = SmallConv2d.imagesPerChunk(n);
        int chunks = Math.ceilDiv(n, perChunk);
        float[] partials = Scratch.current().partials(chunks * gwSize);
        Parallel.forChunks(chunks, Math.min(chunks, 2 * Parallel.numThreads()), (lo, hi) -> {
            Scratch ws = Scratch.current();
            for (int c = lo; c < hi; c++) {
                int i0 = c * perChunk;
                int count = Math.min(n, i0 + perChunk) - i0;
                float[] in = ws.padded(count * f.inStride);
                float[] g = ws.wide(count * positions * cp);
                int[] at = ws.positions(count * positions);
                if (cp > cOut) {
                    java.util.Arrays.fill(g, 0, count * positions * cp, 0f);
                }
                for (int i = 0; i < count; i++) {
                    f.fill(x, (i0 + i) * f.cIn * f.srcH * f.srcW, in, i * f.inStride);
                    transpose(gy, (i0 + i) * cOut * positions, cOut, positions, g, i * positions * cp, cp);
                    for (int oh = 0, p = i * positions; oh < f.outRows; oh++) {
                        for (int ow = 0; ow < f.outCols; ow++, p++) {
                            at[p] = i * f.inStride + oh * f.wp + ow;
                        }
                    }
                }
                accumulate(f, in, g, at, count * positions, cp, partials, c * gwSize);
            }
        });
        // Per tap (in parallel): chunks in order, lane (channel) by lane.
        int k = f.k;
        Parallel.forRange(k, 16, t -> {
            for (int v = 0; v < cp; v += L) {
                FloatVector sum = FloatVector.zero(S);
                for (int c = 0; c < chunks; c++) {
                    sum = sum.add(FloatVector.fromArray(S, partials, c * gwSize + t * cp + v));
                }
                for (int lane = 0; lane < L && v + lane < cOut; lane++) {
                    gw[(v + lane) * k + t] = sum.lane(lane);
                }
            }
        });
        if (gb != null) {
            Parallel.forRange(cOut, 4, co -> gb[co] = SmallConv2d.biasGradient(gy, n, cOut, positions, co));
        }
    }

    /**
     * {@code g[gOff + p*cp + co] = gy[src + co*positions + p]}: one image's gradient with its channels across the
     * lanes. Through registers in 16x16 blocks where the vectors hold 16 floats (4.5x faster than element by element
     * on the seed CNN's 64 x 576), element by element at the edges.
     */
    private static void transpose(float[] gy, int src, int cOut, int positions, float[] g, int gOff, int cp) {
        int coBlocks = RegisterTranspose.SIXTEEN ? cOut / 16 * 16 : 0;
        int pBlocks = positions / 16 * 16;
        for (int co = 0; co < coBlocks; co += 16) {
            for (int p = 0; p < pBlocks; p += 16) {
                RegisterTranspose.block16(gy, src + co * positions + p, positions, g, gOff + p * cp + co, cp);
            }
            for (int c = co; c < co + 16; c++) {
                for (int p = pBlocks; p < positions; p++) {
                    g[gOff + p * cp + c] = gy[src + c * positions + p];
                }
            }
        }
        for (int co = coBlocks; co < cOut; co++) {
            for (int p = 0; p < positions; p++) {
                g[gOff + p * cp + co] = gy[src + co * positions + p];
            }
        }
    }

    /**
     * {@code partials[pOff + t*cp + co]} = the sum over positions {@code p < count} of
     * {@code g[p*cp + co] * in[at[p] + tapOffset[t]]}: output channels across the lanes, the input value
     * broadcast; {@link #TAPS} taps of accumulators at a time, or half as many taps of two vectors of channels
     * while two remain, or six taps of four vectors while four remain (AVX-512). Each accumulator adds its positions
     * in order either way, so the blocking leaves the bits.
     */
    private static void accumulate(Plan f, float[] in, float[] g, int[] at, int count, int cp, float[] partials,
                                   int pOff) {
        int k = f.k;
        int[] tapOffset = f.tapOffset;
        int v = 0;
        if (FOUR_VECTORS) {
            for (; v + 4 * L <= cp; v += 4 * L) {
                fourVectors(f, in, g, at, count, cp, partials, pOff, v);
            }
        }
        for (; v + 2 * L <= cp; v += 2 * L) {
            twoVectors(f, in, g, at, count, cp, partials, pOff, v);
        }
        for (; v < cp; v += L) {
            for (int t0 = 0; t0 < k; t0 += TAPS) {
                int o0 = tapOffset[t0];
                int o1 = tapOffset[Math.min(t0 + 1, k - 1)];
                int o2 = tapOffset[Math.min(t0 + 2, k - 1)];
                int o3 = tapOffset[Math.min(t0 + 3, k - 1)];
                int o4 = tapOffset[Math.min(t0 + 4, k - 1)];
                int o5 = tapOffset[Math.min(t0 + 5, k - 1)];
                int o6 = tapOffset[Math.min(t0 + 6, k - 1)];
                int o7 = tapOffset[Math.min(t0 + 7, k - 1)];
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                FloatVector a4 = a0;
                FloatVector a5 = a0;
                FloatVector a6 = a0;
                FloatVector a7 = a0;
                for (int p = 0; p < count; p++) {
                    FloatVector gv = FloatVector.fromArray(S, g, p * cp + v);
                    int a = at[p];
                    a0 = gv.fma(FloatVector.broadcast(S, in[a + o0]), a0);
                    a1 = gv.fma(FloatVector.broadcast(S, in[a + o1]), a1);
                    a2 = gv.fma(FloatVector.broadcast(S, in[a + o2]), a2);
                    a3 = gv.fma(FloatVector.broadcast(S, in[a + o3]), a3);
                    a4 = gv.fma(FloatVector.broadcast(S, in[a + o4]), a4);
                    a5 = gv.fma(FloatVector.broadcast(S, in[a + o5]), a5);
                    a6 = gv.fma(FloatVector.broadcast(S, in[a + o6]), a6);
                    a7 = gv.fma(FloatVector.broadcast(S, in[a + o7]), a7);
                }
                int r = pOff + t0 * cp + v;
                a0.intoArray(partials, r);
                a1.intoArray(partials, r + cp);
                a2.intoArray(partials, r + 2 * cp);
                a3.intoArray(partials, r + 3 * cp);
                a4.intoArray(partials, r + 4 * cp);
                a5.intoArray(partials, r + 5 * cp);
                a6.intoArray(partials, r + 6 * cp);
                a7.intoArray(partials, r + 7 * cp);
            }
        }
    }

    /**
     * Channels {@code [v, v + 2L)} of {@link #accumulate}: four taps by two vectors of accumulators, so
     * that a broadcast input value feeds two multiply-adds (the MNIST {@code Net}'s conv2 has 20 channels).
     */
    private static void twoVectors(Plan f, float[] in, float[] g, int[] at, int count, int cp, float[] partials,
                                   int pOff, int v) {
        int k = f.k;
        int[] tapOffset = f.tapOffset;
        for (int t0 = 0; t0 < k; t0 += 4) {
            int o0 = tapOffset[t0];
            int o1 = tapOffset[Math.min(t0 + 1, k - 1)];
            int o2 = tapOffset[Math.min(t0 + 2, k - 1)];
            int o3 = tapOffset[Math.min(t0 + 3, k - 1)];
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector b2 = a0;
            FloatVector b3 = a0;
            for (int p = 0; p < count; p++) {
                FloatVector gv = FloatVector.fromArray(S, g, p * cp + v);
                FloatVector hv = FloatVector.fromArray(S, g, p * cp + v + L);
                int a = at[p];
                FloatVector x = FloatVector.broadcast(S, in[a + o0]);
                a0 = gv.fma(x, a0);
                b0 = hv.fma(x, b0);
                x = FloatVector.broadcast(S, in[a + o1]);
                a1 = gv.fma(x, a1);
                b1 = hv.fma(x, b1);
                x = FloatVector.broadcast(S, in[a + o2]);
                a2 = gv.fma(x, a2);
                b2 = hv.fma(x, b2);
                x = FloatVector.broadcast(S, in[a + o3]);
                a3 = gv.fma(x, a3);
                b3 = hv.fma(x, b3);
            }
            int r = pOff + t0 * cp + v;
            a0.intoArray(partials, r);
            a1.intoArray(partials, r + cp);
            a2.intoArray(partials, r + 2 * cp);
            a3.intoArray(partials, r + 3 * cp);
            b0.intoArray(partials, r + L);
            b1.intoArray(partials, r + cp + L);
            b2.intoArray(partials, r + 2 * cp + L);
            b3.intoArray(partials, r + 3 * cp + L);
        }
    }

    /**
     * Channels {@code [v, v + 4L)} of {@link #accumulate}: six taps by four vectors of accumulators, so that a
     * broadcast input value feeds four multiply-adds and a channel vector six.
     */
    private static void fourVectors(Plan f, float[] in, float[] g, int[] at, int count, int cp, float[] partials,
                                    int pOff, int v) {
        int k = f.k;
        int[] tapOffset = f.tapOffset;
        for (int t0 = 0; t0 < k; t0 += 6) {
            int o0 = tapOffset[t0];
            int o1 = tapOffset[Math.min(t0 + 1, k - 1)];
            int o2 = tapOffset[Math.min(t0 + 2, k - 1)];
            int o3 = tapOffset[Math.min(t0 + 3, k - 1)];
            int o4 = tapOffset[Math.min(t0 + 4, k - 1)];
            int o5 = tapOffset[Math.min(t0 + 5, k - 1)];
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector b2 = a0;
            FloatVector b3 = a0;
            FloatVector b4 = a0;
            FloatVector b5 = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector c2 = a0;
            FloatVector c3 = a0;
            FloatVector c4 = a0;
            FloatVector c5 = a0;
            FloatVector d0 = a0;
            FloatVector d1 = a0;
            FloatVector d2 = a0;
            FloatVector d3 = a0;
            FloatVector d4 = a0;
            FloatVector d5 = a0;
            for (int p = 0; p < count; p++) {
                int q = p * cp + v;
                FloatVector gv = FloatVector.fromArray(S, g, q);
                FloatVector hv = FloatVector.fromArray(S, g, q + L);
                FloatVector iv = FloatVector.fromArray(S, g, q + 2 * L);
                FloatVector jv = FloatVector.fromArray(S, g, q + 3 * L);
                int a = at[p];
                FloatVector x = FloatVector.broadcast(S, in[a + o0]);
                a0 = gv.fma(x, a0);
                b0 = hv.fma(x, b0);
                c0 = iv.fma(x, c0);
                d0 = jv.fma(x, d0);
                x = FloatVector.broadcast(S, in[a + o1]);
                a1 = gv.fma(x, a1);
                b1 = hv.fma(x, b1);
                c1 = iv.fma(x, c1);
                d1 = jv.fma(x, d1);
                x = FloatVector.broadcast(S, in[a + o2]);
                a2 = gv.fma(x, a2);
                b2 = hv.fma(x, b2);
                c2 = iv.fma(x, c2);
                d2 = jv.fma(x, d2);
                x = FloatVector.broadcast(S, in[a + o3]);
                a3 = gv.fma(x, a3);
                b3 = hv.fma(x, b3);
                c3 = iv.fma(x, c3);
                d3 = jv.fma(x, d3);
                x = FloatVector.broadcast(S, in[a + o4]);
                a4 = gv.fma(x, a4);
                b4 = hv.fma(x, b4);
                c4 = iv.fma(x, c4);
                d4 = jv.fma(x, d4);
                x = FloatVector.broadcast(S, in[a + o5]);
                a5 = gv.fma(x, a5);
                b5 = hv.fma(x, b5);
                c5 = iv.fma(x, c5);
                d5 = jv.fma(x, d5);
            }
            // Tap t0 + i's row: its four channel vectors side by side.
            int r = pOff + t0 * cp + v;
            a0.intoArray(partials, r);
            b0.intoArray(partials, r + L);
            c0.intoArray(partials, r + 2 * L);
            d0.intoArray(partials, r + 3 * L);
            a1.intoArray(partials, r + cp);
            b1.intoArray(partials, r + cp + L);
            c1.intoArray(partials, r + cp + 2 * L);
            d1.intoArray(partials, r + cp + 3 * L);
            a2.intoArray(partials, r + 2 * cp);
            b2.intoArray(partials, r + 2 * cp + L);
            c2.intoArray(partials, r + 2 * cp + 2 * L);
            d2.intoArray(partials, r + 2 * cp + 3 * L);
            a3.intoArray(partials, r + 3 * cp);
            b3.intoArray(partials, r + 3 * cp + L);
            c3.intoArray(partials, r + 3 * cp + 2 * L);
            d3.intoArray(partials, r + 3 * cp + 3 * L);
            a4.intoArray(partials, r + 4 * cp);
            b4.intoArray(partials, r + 4 * cp + L);
            c4.intoArray(partials, r + 4 * cp + 2 * L);
            d4.intoArray(partials, r + 4 * cp + 3 * L);
            a5.intoArray(partials, r + 5 * cp);
            b5.intoArray(partials, r + 5 * cp + L);
            c5.intoArray(partials, r + 5 * cp + 2 * L);
            d5.intoArray(partials, r + 5 * cp + 3 * L);
        }
    }
}
