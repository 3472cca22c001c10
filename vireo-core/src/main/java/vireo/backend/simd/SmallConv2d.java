package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vireo.backend.Conv2dShape;
import vireo.backend.Parallel;

/**
 * Direct convolution for few input channels on small images (LeNet's and PyTorch's MNIST {@code Net}'s 5x5
 * convolutions over 1 to 10 channels): no im2col and no GEMM packing, whose cost for such shapes exceeded the
 * multiply-adds themselves.
 *
 * <p>The trick is the "wide" row layout. Each input plane is copied, zero-padded, into a {@code [hp, wp]} plane
 * ({@code hp = h + padTop + padBottom}, {@code wp} likewise). Output cell {@code (oh, ow)} is then stored at
 * {@code q = oh*wp + ow} of a wide output plane, and kernel tap {@code (ki, kj)} of channel {@code ci} reads
 * padded input cell {@code q + ki*wp + kj} of plane {@code ci}: every tap is one contiguous, shifted run of the padded
 * input, so the kernel is a sum of vector FMAs over {@code q} with no index arithmetic per cell. The columns
 * {@code ow >= outW} of the wide plane are garbage (they wrap into the next row) and are dropped when the result is
 * copied out.
 * <ul>
 *   <li>forward: {@code y[co] = bias[co] + sum over (ci, ki, kj) of w[co, ci, ki, kj] * shifted input}, four output
 *       channels by two vectors of {@code q} in registers;</li>
 *   <li>backward input: the same kernel on {@code gy} with the weights flipped and their two channel axes swapped
 *       ({@code gx} is the full correlation of {@code gy} with the flipped kernel), {@code gy} laid out in rows of the
 *       padded input's width (see {@link Plan#backwardInput}), each block of cells skipping the kernel rows that
 *       read only the zero rows around {@code gy};</li>
 *   <li>backward weight: {@code gw[co, ci, ki, kj] = sum over images and q of gyWide[co, q] * shifted input}, where
 *       {@code gyWide} is {@code gy} in the wide layout with zero garbage columns; two output channels by four taps of
 *       vector accumulators, summed over chunks of images (at least {@link #IMAGES_PER_CHUNK}; the chunking depends
 *       on the batch size only), then over chunks in order. Where the garbage columns would waste more, output
 *       channels go across the lanes instead ({@link ChannelLaneWeightGradient}), over the same chunks.</li>
 * </ul>
 * Every output is summed in an order fixed by the shape alone (taps in order; images in fixed chunks), so results do
 * not depend on the thread count or on scheduling.
 *
 * <p>Shapes: see {@link Conv2dShape}; only {@link #supports supported} geometries (groups 1, stride 1, dilation 1,
 * few input channels, small planes and weights).
 */
final class SmallConv2d {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** The most input channels routed here ({@code -Dvireo.conv.smallMaxChannels}); deeper inputs suit the GEMM. */
    private static final int MAX_CHANNELS = Integer.getInteger("vireo.conv.smallMaxChannels", 16);

    /** The largest padded plane routed here, in cells: a chunk's planes stay in L2. */
    private static final int MAX_PLANE = 64 * 64;

    /** The largest weight routed here, in floats: the weight gradient's per-chunk partial sums stay a few MB. */
    private static final int MAX_WEIGHTS = 1 << 14;

    /** Fewest images whose weight gradients are summed together before the chunks are added in order. */
    static final int IMAGES_PER_CHUNK = 8;

    /** The most chunks of a weight gradient: larger batches put more images in a chunk. */
    private static final int MAX_CHUNKS = 32;

    private SmallConv2d() {
    }

    /** True when this kernel handles {@code s} (all three passes). */
    static boolean supports(Conv2dShape s) {
        return s.groups() == 1 && s.strideH() == 1 && s.strideW() == 1 && s.dilationH() == 1 && s.dilationW() == 1
                && s.kh() * s.kw() > 1 && s.cIn() <= MAX_CHANNELS
                && (long) s.cOut() * s.cIn() * s.kh() * s.kw() <= MAX_WEIGHTS
                && (long) (s.h() + s.padTop() + s.padBottom()) * (s.w() + s.padLeft() + s.padRight()) <= MAX_PLANE
                && (long) (s.outH() + 2L * s.kh()) * (s.w() + s.padLeft() + s.padRight()) <= MAX_PLANE
                && s.outH() > 0 && s.outW() > 0;
    }

    static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        Plan plan = Plan.forward(s);
        float[] operands = plan.operands(bias);
        System.arraycopy(w, 0, operands, 0, plan.cOut * plan.k);
        plan.run(s.n(), x, operands, y);
    }

    /**
     * {@code gx} as the correlation of {@code gy} with the flipped kernel, its two channel axes swapped: {@code gy} is
     * laid out in rows of the padded input's width, so that the kernel's reach past either end of a row lands in
     * zeros (see {@link Plan#backwardInput}).
     */
    static void backwardInput(Conv2dShape s, float[] gy, float[] w, float[] gx) {
        Plan plan = Plan.backwardInput(s);
        float[] operands = plan.operands(null);
        int kk = s.kh() * s.kw();
        for (int co = 0; co < s.cOut(); co++) {
            for (int ci = 0; ci < s.cIn(); ci++) {
                int src = (co * s.cIn() + ci) * kk;
                int dst = (ci * s.cOut() + co) * kk;
                for (int t = 0; t < kk; t++) {
                    operands[dst + kk - 1 - t] = w[src + t];
                }
            }
        }
        plan.run(s.n(), gy, operands, gx);
    }

    static void backwardWeight(Conv2dShape s, float[] x, float[] gy, float[] gw, float[] gb) {
        Plan f = Plan.forward(s);
        if (ChannelLaneWeightGradient.suits(f)) {
            ChannelLaneWeightGradient.compute(f, s.n(), x, gy, gw, gb);
            return;
        }
        int n = s.n();
        int gwSize = s.cOut() * f.k4; // per chunk, in vectors: taps rounded up to whole blocks of four
        // The chunking depends on the batch size only, never on the thread count.
        int perChunk = imagesPerChunk(n);
        int chunks = Math.ceilDiv(n, perChunk);
        float[] partials = Scratch.current().partials(chunks * gwSize * L);
        Parallel.forChunks(chunks, Math.min(chunks, 2 * Parallel.numThreads()), (lo, hi) -> {
            Scratch ws = Scratch.current();
            for (int c = lo; c < hi; c++) {
                int i0 = c * perChunk;
                int count = Math.min(n, i0 + perChunk) - i0;
                float[] in = ws.padded(count * f.inStride);
                float[] grad = ws.wide(count * f.outStride);
                for (int i = 0; i < count; i++) {
                    f.fill(x, (i0 + i) * f.cIn * f.srcH * f.srcW, in, i * f.inStride);
                    f.widen(gy, (i0 + i) * f.cOut * f.outRows * f.outCols, grad, i * f.outStride);
                }
                f.weightGrad(in, grad, count, partials, c * gwSize);
            }
        });
        // Per output channel (in parallel): chunks in order, lane by lane, then the lanes left to right, an order
        // fixed by the shape; then the bias gradient, image by image. Done on the calling thread alone with scalar
        // adds, this made the MNIST Net's conv2 weight gradient 19 % slower (1.39 against 1.12 ms on two threads)
        // and LeNet-5's conv2 11 %; the vector adds sum each lane in the same order, so the bits are unchanged.
        int p = f.outRows * f.outCols;
        // At least four channels a task: one channel's sums are ~1 µs of work, a hand-off to a worker about as much.
        Parallel.forRange(s.cOut(), 4, co -> {
            for (int t = 0; t < f.k; t++) {
                int r = (co * f.k4 + t) * L;
                FloatVector lanes = FloatVector.zero(S);
                for (int c = 0; c < chunks; c++) {
                    lanes = lanes.add(FloatVector.fromArray(S, partials, c * gwSize * L + r));
                }
                gw[co * f.k + t] = Lanes.sum(lanes);
            }
            if (gb != null) {
                gb[co] = biasGradient(gy, n, s.cOut(), p, co);
            }
        });
    }

    /** Images whose weight gradients are summed together; the chunking depends on the batch size only. */
    static int imagesPerChunk(int n) {
        return Math.max(IMAGES_PER_CHUNK, Math.ceilDiv(n, MAX_CHUNKS));
    }

    /** The bias gradient of channel {@code co}: its {@code p} cells of {@code gy}, image by image. */
    static float biasGradient(float[] gy, int n, int cOut, int p, int co) {
        float sum = 0f;
        for (int img = 0; img < n; img++) {
            sum += planeSum(gy, (img * cOut + co) * p, p);
        }
        return sum;
    }

    /**
     * Copies {@code rows} rows of {@code cols} floats, row {@code r} from {@code src[sOff + r*sStride]} to
     * {@code dst[dOff + r*dStride]}: one copy when both sides are contiguous; into a dense destination
     * ({@code dStride == cols >= L}), every row but the last as whole vectors, whose overshoot (less than a vector,
     * read from the next source row, written over the start of the next destination row) the next row then
     * overwrites; otherwise (the destination's padding between rows must stay zero) a copy per row. A
     * {@code System.arraycopy} per row of 10 to 28 floats made the seed models' forward convolutions 3-12 % slower.
     */
    private static void copyRows(float[] src, int sOff, int sStride, float[] dst, int dOff, int dStride, int rows,
                                 int cols) {
        if (sStride == cols && dStride == cols) {
            System.arraycopy(src, sOff, dst, dOff, rows * cols);
            return;
        }
        int r = 0;
        if (dStride == cols && cols >= L && sStride >= cols) {
            for (; r < rows - 1; r++, sOff += sStride, dOff += dStride) {
                for (int c = 0; c < cols; c += L) {
                    FloatVector.fromArray(S, src, sOff + c).intoArray(dst, dOff + c);
                }
            }
        }
        for (; r < rows; r++, sOff += sStride, dOff += dStride) {
            System.arraycopy(src, sOff, dst, dOff, cols);
        }
    }

    private static float planeSum(float[] a, int off, int len) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(len); i < upper; i += L) {
            acc = acc.add(FloatVector.fromArray(S, a, off + i));
        }
        float sum = Lanes.sum(acc);
        for (; i < len; i++) {
            sum += a[off + i];
        }
        return sum;
    }

    /**
     * One stride-1 correlation: {@code cIn} dense planes of {@code [srcH, srcW]} are placed at
     * {@code (rowOff, colOff)} in zeroed planes of row stride {@code wp}; output {@code (r, c)} of each of the
     * {@code cOut} planes is wide cell {@code q = r*wp + outColOff + c}, the sum over taps {@code t} of
     * {@code weights[co, t] * in[tapOffset[t] + q]}.
     */
    static final class Plan {
        final int cIn;
        final int cOut;
        final int srcH;
        final int srcW;
        final int rowOff;
        final int colOff;
        final int wp;
        final int outRows;
        final int outCols;
        final int outColOff;
        /**
         * Wide output cells computed per plane: {@code outRows*wp} rounded up to whole blocks of two vectors (the
         * four-channel kernel's block); and the wide planes' stride, rounded up to blocks of four vectors (the
         * two-channel kernel's block, which computes up to it).
         */
        final int pw;
        final int ws;
        /** Floats per input plane: the placed rows plus the slack the last block's taps read past them. */
        final int plane;
        /** Floats per image of input planes, and of wide output planes. */
        final int inStride;
        final int outStride;
        /** Taps per output channel, {@code cIn*kh*kw}, and that rounded up to a multiple of four. */
        final int k;
        final int k4;
        /** Offset of tap {@code t = (ci*kh + ki)*kw + kj} in an image's input, {@code ci*plane + base + ki*wp + kj}. */
        final int[] tapOffset;
        /**
         * The taps {@link #correlate}'s kernels run for each block of two vectors of {@code q}
         * ({@code pairRanges[q / (2L)]}) and of four ({@code quadRanges[q / (4L)]}), as ranges {@code [from, to)}
         * of tap indices, in order: one range of all taps, or for the input gradient one range per channel of the
         * kernel rows that reach a row of {@code gy} from some output row of the block (see {@link #tapRanges}).
         */
        final int[][] pairRanges;
        final int[][] quadRanges;

        private Plan(int cIn, int cOut, int kh, int kw, int srcH, int srcW, int rowOff, int colOff, int rows, int wp,
                     int outRows, int outCols, int outColOff, int base, boolean skipZeroRows) {
            this.cIn = cIn;
            this.cOut = cOut;
            this.srcH = srcH;
            this.srcW = srcW;
            this.rowOff = rowOff;
            this.colOff = colOff;
            this.wp = wp;
            this.outRows = outRows;
            this.outCols = outCols;
            this.outColOff = outColOff;
            pw = Math.ceilDiv(outRows * wp, 2 * L) * 2 * L;
            ws = Math.ceilDiv(outRows * wp, 4 * L) * 4 * L;
            plane = Math.max(rows * wp, base + ws + (kh - 1) * wp + kw - 1);
            inStride = cIn * plane;
            outStride = cOut * ws;
            k = cIn * kh * kw;
            k4 = Math.ceilDiv(k, 4) * 4;
            tapOffset = new int[k];
            int t = 0;
            for (int ci = 0; ci < cIn; ci++) {
                for (int ki = 0; ki < kh; ki++) {
                    for (int kj = 0; kj < kw; kj++) {
                        tapOffset[t++] = ci * plane + base + ki * wp + kj;
                    }
                }
            }
            pairRanges = tapRanges(2 * L, pw, kh, kw, base, skipZeroRows);
            quadRanges = tapRanges(4 * L, ws, kh, kw, base, skipZeroRows);
        }

        /**
         * The tap ranges for each block of {@code size} cells below {@code cover}. With {@code skipZeroRows}, a
         * kernel row {@code ki} is left out of a block when it reads only rows outside the placed ones
         * ({@code [rowOff, rowOff + srcH)}) from every output row of the block: zeros, whose products add nothing
         * (a sum started from +0 never becomes -0), so the bits stay those of the full loop. The input gradient is
         * a full correlation over {@code gy} padded by the kernel size; in blocks of two AVX-512 vectors this leaves
         * out 23 % of the taps for LeNet-5's conv2, 24 % for the MNIST {@code Net}'s. Not for the forward pass,
         * whose sum starts from the bias: from a bias of -0, an output that only sees padding would keep -0 where
         * the full loop gives +0.
         */
        private int[][] tapRanges(int size, int cover, int kh, int kw, int base, boolean skipZeroRows) {
            int[][] out = new int[cover / size][];
            int[] all = {0, k};
            int firstRow = base / wp;
            for (int b = 0; b < out.length; b++) {
                int rLo = b * size / wp;
                int rHi = Math.min((b * size + size - 1) / wp, outRows - 1);
                int kiLo = Math.max(0, rowOff - firstRow - rHi);
                int kiHi = Math.min(kh - 1, rowOff + srcH - 1 - firstRow - rLo);
                if (!skipZeroRows || kiLo == 0 && kiHi == kh - 1) {
                    out[b] = all;
                } else if (kiLo > kiHi) {
                    out[b] = new int[0];
                } else {
                    out[b] = new int[2 * cIn];
                    for (int ci = 0; ci < cIn; ci++) {
                        out[b][2 * ci] = (ci * kh + kiLo) * kw;
                        out[b][2 * ci + 1] = (ci * kh + kiHi + 1) * kw;
                    }
                }
            }
            return out;
        }

        /** The forward geometry: {@code x} zero-padded, outputs at the top left of each wide row. */
        static Plan forward(Conv2dShape s) {
            int hp = s.h() + s.padTop() + s.padBottom();
            int wp = s.w() + s.padLeft() + s.padRight();
            return new Plan(s.cIn(), s.cOut(), s.kh(), s.kw(), s.h(), s.w(), s.padTop(), s.padLeft(), hp, wp,
                    s.outH(), s.outW(), 0, 0, false);
        }

        /**
         * The backward-input geometry: {@code gx_padded[i, j] = sum over taps of flipped[ki', kj'] *
         * gy[i + ki' - (kh-1), j + kj' - (kw-1)]}. {@code gy} goes in at {@code (kh-1, kw-1)} of planes with the
         * padded input's row stride: as {@code outW = wp - kw + 1}, each row then has exactly {@code kw - 1} zeros
         * before its values, and a tap reaching past a row's end wraps into those zeros, just as it should read
         * zero padding. Only the rows of {@code gx} proper are computed ({@code base} skips the top padding rows),
         * and its columns start at {@code padLeft} in each wide row.
         */
        static Plan backwardInput(Conv2dShape s) {
            int wp = s.w() + s.padLeft() + s.padRight();
            int rows = s.outH() + 2 * (s.kh() - 1);
            return new Plan(s.cOut(), s.cIn(), s.kh(), s.kw(), s.outH(), s.outW(), s.kh() - 1, s.kw() - 1, rows, wp,
                    s.h(), s.w(), s.padLeft(), s.padTop() * wp, true);
        }

        /**
         * The calling thread's buffer of {@link #run}'s scalar operands: the {@code cOut*k} weights (index
         * {@code co*k + t}, for the caller to fill), then the {@code cOut} biases, filled here (zero without). The
         * kernels broadcast each weight as they use it, a single load from this table, which stays in L1. A table of
         * pre-broadcast vectors instead (one vector per weight: 154 KB for LeNet-5's conv2 with AVX-512) streamed
         * from L2 on every block and set the kernels' pace: the forward passes of the seed models' convolutions ran
         * 1.4-2.1x slower with it on AVX-512 (Zen 5), 1.1-1.3x with AVX2.
         */
        float[] operands(float[] bias) {
            float[] operands = Scratch.current().operands(cOut * k + cOut);
            for (int co = 0; co < cOut; co++) {
                operands[cOut * k + co] = bias == null ? 0f : bias[co];
            }
            return operands;
        }

        /**
         * The correlation of {@code n} images, parallel over images: {@code out[n, cOut, outRows, outCols]}, with the
         * weights and biases from a filled {@link #operands} table.
         */
        void run(int n, float[] in, float[] operands, float[] out) {
            Parallel.forChunks(n, Math.min(n, 2 * Parallel.numThreads()), (lo, hi) -> {
                Scratch scratch = Scratch.current();
                float[] padded = scratch.padded(inStride);
                float[] wide = scratch.wide(outStride);
                for (int img = lo; img < hi; img++) {
                    fill(in, img * cIn * srcH * srcW, padded, 0);
                    correlate(padded, operands, wide);
                    int dst = img * cOut * outRows * outCols;
                    for (int co = 0; co < cOut; co++, dst += outRows * outCols) {
                        copyRows(wide, co * ws + outColOff, wp, out, dst, outCols, outRows, outCols);
                    }
                }
            });
        }

        /** Places one image's {@code cIn} dense planes from {@code src} into zeroed planes at {@code dst[dOff]}. */
        void fill(float[] src, int sOff, float[] dst, int dOff) {
            java.util.Arrays.fill(dst, dOff, dOff + inStride, 0f);
            for (int ci = 0; ci < cIn; ci++) {
                copyRows(src, sOff + ci * srcH * srcW, srcW, dst, dOff + ci * plane + rowOff * wp + colOff, wp, srcH,
                        srcW);
            }
        }

        /** Copies one image's {@code cOut} output-shaped planes into the wide layout, other cells zero. */
        void widen(float[] src, int sOff, float[] dst, int dOff) {
            java.util.Arrays.fill(dst, dOff, dOff + outStride, 0f);
            for (int co = 0; co < cOut; co++) {
                copyRows(src, sOff + co * outRows * outCols, outCols, dst, dOff + co * ws + outColOff, wp, outRows,
                        outCols);
            }
        }

        /**
         * {@code wide[co, q] = bias[co] + sum_t weights[co, t] * in[tapOffset[t] + q]}, with weights and biases from
         * the {@code operands} table (see {@link #operands}): six channels by two vectors of
         * {@code q} at a time (eight loads per twelve multiply-adds, twelve accumulators and three operands filling
         * fifteen of AVX2's sixteen registers), then four channels by two vectors, then two channels by four vectors
         * for the rest. Six channels instead of four ran LeNet-5's and the MNIST {@code Net}'s forward passes and
         * their second convolution's input gradient 4 to 11 % faster (the kernel's loads, not its multiply-adds, set
         * its pace).
         */
        void correlate(float[] in, float[] operands, float[] wide) {
            int c0 = 0;
            for (; c0 + 6 <= cOut; c0 += 6) {
                correlate6(in, operands, wide, c0);
            }
            for (; c0 + 4 <= cOut; c0 += 4) {
                correlate4(in, operands, wide, c0);
            }
            for (; c0 < cOut; c0 += 2) {
                correlate2(in, operands, wide, c0, Math.min(c0 + 1, cOut - 1)); // an odd last one runs twice
            }
        }

        /** Channels {@code [c0, c0 + 6)} of {@link #correlate}. */
        private void correlate6(float[] in, float[] operands, float[] wide, int c0) {
            int biasAt = cOut * k;
            int w0 = c0 * k;
            int w1 = w0 + k;
            int w2 = w1 + k;
            int w3 = w2 + k;
            int w4 = w3 + k;
            int w5 = w4 + k;
            for (int q = 0; q < pw; q += 2 * L) {
                int[] ranges = pairRanges[q / (2 * L)];
                FloatVector a0 = FloatVector.broadcast(S, operands[biasAt + c0]);
                FloatVector a1 = a0;
                FloatVector b0 = FloatVector.broadcast(S, operands[biasAt + (c0 + 1)]);
                FloatVector b1 = b0;
                FloatVector c0v = FloatVector.broadcast(S, operands[biasAt + (c0 + 2)]);
                FloatVector c1v = c0v;
                FloatVector d0 = FloatVector.broadcast(S, operands[biasAt + (c0 + 3)]);
                FloatVector d1 = d0;
                FloatVector e0 = FloatVector.broadcast(S, operands[biasAt + (c0 + 4)]);
                FloatVector e1 = e0;
                FloatVector f0 = FloatVector.broadcast(S, operands[biasAt + (c0 + 5)]);
                FloatVector f1 = f0;
                for (int r = 0; r < ranges.length; r += 2) {
                    for (int tap = ranges[r]; tap < ranges[r + 1]; tap++) {
                        int o = tapOffset[tap] + q;
                        FloatVector x0 = FloatVector.fromArray(S, in, o);
                        FloatVector x1 = FloatVector.fromArray(S, in, o + L);
                        FloatVector v = FloatVector.broadcast(S, operands[w0 + tap]);
                        a0 = x0.fma(v, a0);
                        a1 = x1.fma(v, a1);
                        v = FloatVector.broadcast(S, operands[w1 + tap]);
                        b0 = x0.fma(v, b0);
                        b1 = x1.fma(v, b1);
                        v = FloatVector.broadcast(S, operands[w2 + tap]);
                        c0v = x0.fma(v, c0v);
                        c1v = x1.fma(v, c1v);
                        v = FloatVector.broadcast(S, operands[w3 + tap]);
                        d0 = x0.fma(v, d0);
                        d1 = x1.fma(v, d1);
                        v = FloatVector.broadcast(S, operands[w4 + tap]);
                        e0 = x0.fma(v, e0);
                        e1 = x1.fma(v, e1);
                        v = FloatVector.broadcast(S, operands[w5 + tap]);
                        f0 = x0.fma(v, f0);
                        f1 = x1.fma(v, f1);
                    }
                }
                int d = c0 * ws + q;
                a0.intoArray(wide, d);
                a1.intoArray(wide, d + L);
                b0.intoArray(wide, d + ws);
                b1.intoArray(wide, d + ws + L);
                c0v.intoArray(wide, d + 2 * ws);
                c1v.intoArray(wide, d + 2 * ws + L);
                d0.intoArray(wide, d + 3 * ws);
                d1.intoArray(wide, d + 3 * ws + L);
                e0.intoArray(wide, d + 4 * ws);
                e1.intoArray(wide, d + 4 * ws + L);
                f0.intoArray(wide, d + 5 * ws);
                f1.intoArray(wide, d + 5 * ws + L);
            }
        }

        /** Channels {@code [c0, c0 + 4)} of {@link #correlate}: {@link #correlate6} with four accumulator pairs. */
        private void correlate4(float[] in, float[] operands, float[] wide, int c0) {
            int biasAt = cOut * k;
            int w0 = c0 * k;
            int w1 = w0 + k;
            int w2 = w1 + k;
            int w3 = w2 + k;
            for (int q = 0; q < pw; q += 2 * L) {
                int[] ranges = pairRanges[q / (2 * L)];
                FloatVector a0 = FloatVector.broadcast(S, operands[biasAt + c0]);
                FloatVector a1 = a0;
                FloatVector b0 = FloatVector.broadcast(S, operands[biasAt + (c0 + 1)]);
                FloatVector b1 = b0;
                FloatVector c0v = FloatVector.broadcast(S, operands[biasAt + (c0 + 2)]);
                FloatVector c1v = c0v;
                FloatVector d0 = FloatVector.broadcast(S, operands[biasAt + (c0 + 3)]);
                FloatVector d1 = d0;
                for (int r = 0; r < ranges.length; r += 2) {
                    for (int tap = ranges[r]; tap < ranges[r + 1]; tap++) {
                        int o = tapOffset[tap] + q;
                        FloatVector x0 = FloatVector.fromArray(S, in, o);
                        FloatVector x1 = FloatVector.fromArray(S, in, o + L);
                        FloatVector v = FloatVector.broadcast(S, operands[w0 + tap]);
                        a0 = x0.fma(v, a0);
                        a1 = x1.fma(v, a1);
                        v = FloatVector.broadcast(S, operands[w1 + tap]);
                        b0 = x0.fma(v, b0);
                        b1 = x1.fma(v, b1);
                        v = FloatVector.broadcast(S, operands[w2 + tap]);
                        c0v = x0.fma(v, c0v);
                        c1v = x1.fma(v, c1v);
                        v = FloatVector.broadcast(S, operands[w3 + tap]);
                        d0 = x0.fma(v, d0);
                        d1 = x1.fma(v, d1);
                    }
                }
                int d = c0 * ws + q;
                a0.intoArray(wide, d);
                a1.intoArray(wide, d + L);
                b0.intoArray(wide, d + ws);
                b1.intoArray(wide, d + ws + L);
                c0v.intoArray(wide, d + 2 * ws);
                c1v.intoArray(wide, d + 2 * ws + L);
                d0.intoArray(wide, d + 3 * ws);
                d1.intoArray(wide, d + 3 * ws + L);
            }
        }

        private void correlate2(float[] in, float[] operands, float[] wide, int c0, int c1) {
            int biasAt = cOut * k;
            int w0 = c0 * k;
            int w1 = c1 * k;
            for (int q = 0; q < ws; q += 4 * L) {
                int[] ranges = quadRanges[q / (4 * L)];
                FloatVector a0 = FloatVector.broadcast(S, operands[biasAt + c0]);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                FloatVector b0 = FloatVector.broadcast(S, operands[biasAt + c1]);
                FloatVector b1 = b0;
                FloatVector b2 = b0;
                FloatVector b3 = b0;
                for (int r = 0; r < ranges.length; r += 2) {
                    for (int tap = ranges[r]; tap < ranges[r + 1]; tap++) {
                        int o = tapOffset[tap] + q;
                        FloatVector x0 = FloatVector.fromArray(S, in, o);
                        FloatVector x1 = FloatVector.fromArray(S, in, o + L);
                        FloatVector x2 = FloatVector.fromArray(S, in, o + 2 * L);
                        FloatVector x3 = FloatVector.fromArray(S, in, o + 3 * L);
                        FloatVector v = FloatVector.broadcast(S, operands[w0 + tap]);
                        a0 = x0.fma(v, a0);
                        a1 = x1.fma(v, a1);
                        a2 = x2.fma(v, a2);
                        a3 = x3.fma(v, a3);
                        FloatVector u = FloatVector.broadcast(S, operands[w1 + tap]);
                        b0 = x0.fma(u, b0);
                        b1 = x1.fma(u, b1);
                        b2 = x2.fma(u, b2);
                        b3 = x3.fma(u, b3);
                    }
                }
                int d0 = c0 * ws + q;
                a0.intoArray(wide, d0);
                a1.intoArray(wide, d0 + L);
                a2.intoArray(wide, d0 + 2 * L);
                a3.intoArray(wide, d0 + 3 * L);
                int d1 = c1 * ws + q;
                b0.intoArray(wide, d1);
                b1.intoArray(wide, d1 + L);
                b2.intoArray(wide, d1 + 2 * L);
                b3.intoArray(wide, d1 + 3 * L);
            }
        }

        /**
         * The vector {@code partials[(pOff + co*k4 + t)*L ...]} = the sum over the {@code count} images and q of
         * {@code grad[co, q] * in[tap t + q]}, lane by lane; two channels by four taps of accumulators at a time.
         */
        void weightGrad(float[] in, float[] grad, int count, float[] partials, int pOff) {
            for (int c0 = 0; c0 < cOut; c0 += 2) {
                int c1 = Math.min(c0 + 1, cOut - 1);
                for (int t0 = 0; t0 < k; t0 += 4) {
                    // A short last block repeats its last tap; the repeats are not stored.
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
                    for (int i = 0; i < count; i++) {
                        int g0 = i * outStride + c0 * ws;
                        int g1 = i * outStride + c1 * ws;
                        int x = i * inStride;
                        for (int q = 0; q < pw; q += L) {
                            FloatVector gv = FloatVector.fromArray(S, grad, g0 + q);
                            FloatVector hv = FloatVector.fromArray(S, grad, g1 + q);
                            FloatVector x0 = FloatVector.fromArray(S, in, x + o0 + q);
                            a0 = gv.fma(x0, a0);
                            b0 = hv.fma(x0, b0);
                            FloatVector x1 = FloatVector.fromArray(S, in, x + o1 + q);
                            a1 = gv.fma(x1, a1);
                            b1 = hv.fma(x1, b1);
                            FloatVector x2 = FloatVector.fromArray(S, in, x + o2 + q);
                            a2 = gv.fma(x2, a2);
                            b2 = hv.fma(x2, b2);
                            FloatVector x3 = FloatVector.fromArray(S, in, x + o3 + q);
                            a3 = gv.fma(x3, a3);
                            b3 = hv.fma(x3, b3);
                        }
                    }
                    // Raw accumulators; a short last block's repeated taps land in the block's spare slots.
                    int r0 = (pOff + c0 * k4 + t0) * L;
                    int r1 = (pOff + c1 * k4 + t0) * L;
                    a0.intoArray(partials, r0);
                    a1.intoArray(partials, r0 + L);
                    a2.intoArray(partials, r0 + 2 * L);
                    a3.intoArray(partials, r0 + 3 * L);
                    b0.intoArray(partials, r1);
                    b1.intoArray(partials, r1 + L);
                    b2.intoArray(partials, r1 + 2 * L);
                    b3.intoArray(partials, r1 + 3 * L);
                }
            }
        }

    }

    /** Per-thread buffers, grown on demand and kept, so that steady training allocates nothing here. */
    static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

        private float[] padded = new float[0];
        private float[] wide = new float[0];
        private float[] partials = new float[0];
        private int[] positions = new int[0];
        private float[] operands = new float[0];

        static Scratch current() {
            return LOCAL.get();
        }

        /** Padded input planes; contents are garbage. */
        float[] padded(int size) {
            if (padded.length < size) {
                padded = new float[size];
            }
            return padded;
        }

        /** Wide output (or wide gradient) planes, or the gradient channel-last; contents are garbage. */
        float[] wide(int size) {
            if (wide.length < size) {
                wide = new float[size];
            }
            return wide;
        }

        /** The caller's {@link Plan#operands} table; read by all workers. */
        float[] operands(int size) {
            if (operands.length < size) {
                operands = new float[size];
            }
            return operands;
        }

        /** The channel-lane weight gradient's input offset of each output position; contents are garbage. */
        int[] positions(int size) {
            if (positions.length < size) {
                positions = new int[size];
            }
            return positions;
        }

        /** The caller's per-chunk weight-gradient sums (vectors); written by all workers, each its own chunks. */
        float[] partials(int size) {
            if (partials.length < size) {
                partials = new float[size];
            }
            return partials;
        }
    }
}
