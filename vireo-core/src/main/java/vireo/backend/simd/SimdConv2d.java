package vireo.backend.simd;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vireo.backend.Conv2dShape;
import vireo.backend.Parallel;

/**
 * Convolution as GEMM over im2col bands, parallel over (image, band of output rows).
 *
 * <p>Per image {@code n}, group {@code g} and band of output rows, with {@code K = cInPerGroup*kh*kw} and
 * {@code col} the band's {@code [K, band]} column matrix ({@link ConvIm2col}):
 * <ul>
 *   <li>forward: {@code y[n, g] (band columns) = W[g] [cOutPerGroup, K] * col + bias} (the GEMM adds the bias as
 *       it first stores each tile, saving a pass over the output);</li>
 *   <li>backward input: {@code dcol = W[g]^T * gy[n, g]}, then col2im adds {@code dcol} onto {@code gx[n, g]};</li>
 *   <li>backward weight: {@code gW[g] += gy[n, g] * col^T}, summed over images and bands in per-task partials
 *       (in this orientation the GEMM's pre-broadcast operand, L floats per element, is the {@code gy} band of
 *       {@code cOutPerGroup} rows; as {@code col * gy^T} it was the column matrix, K rows, and packing it took a
 *       third of the time).</li>
 * </ul>
 * A band holds as many output rows as keep the column matrix near {@link #BAND_FLOATS} floats, so it stays in
 * cache between im2col and the GEMM that reads it. A 1x1, stride-1, unpadded convolution is a plain GEMM on the
 * input itself ({@code col = x[n, g]} viewed as {@code [cIn, h*w]}), which skips im2col entirely.
 *
 * <p>With AVX-512, the weight gradient of a stride-1 convolution of 64+ output channels takes
 * {@link ChannelLaneWeightGradient} instead, which needs no column matrix.
 *
 * <p>When there is a single work item (one image in one band), the kernel runs on the calling thread and lets
 * {@link SimdGemm} use the pool; otherwise the work items are spread over the pool and each GEMM runs inline.
 */
final class SimdConv2d {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Target floats in one band's column matrix: 512 KiB, half of a 1 MiB L2 ({@code -Dvireo.conv.bandFloats}). */
    private static final int BAND_FLOATS = Integer.getInteger("vireo.conv.bandFloats", 1 << 17);

    /** Fewest output cells in one band ({@code -Dvireo.conv.minBandColumns}); see {@link Geometry}. */
    private static final int MIN_BAND_COLUMNS = Integer.getInteger("vireo.conv.minBandColumns", 512);

    /** Target output cells of one forward GEMM over several small images ({@code -Dvireo.conv.sideBySideColumns}). */
    private static final int SIDE_BY_SIDE_COLUMNS = Integer.getInteger("vireo.conv.sideBySideColumns", 512);

    private SimdConv2d() {
    }

    static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        checkSizes(s, x, w, y, bias);
        if (SmallConv2d.supports(s)) {
            SmallConv2d.forward(s, x, w, bias, y);
            return;
        }
        if (WinogradConv2d.supports(s)) {
            WinogradConv2d.forward(s, x, w, bias, y);
            return;
        }
        Geometry geo = new Geometry(s);
        int perItem = imagesPerItem(s, geo);
        if (perItem > 1) {
            forwardSideBySide(s, geo, perItem, x, w, bias, y);
            return;
        }
        int items = s.n() * geo.bands;
        Parallel.forChunks(items, chunksFor(items), (lo, hi) -> {
            float[] col = geo.pointwise ? null : ConvWorkspace.current().columns(geo.k * geo.bandRows * geo.outW);
            for (int item = lo; item < hi; item++) {
                int img = item / geo.bands;
                int oh0 = (item % geo.bands) * geo.bandRows;
                int oh1 = Math.min(geo.outH, oh0 + geo.bandRows);
                int p0 = oh0 * geo.outW;
                int width = (oh1 - oh0) * geo.outW;
                for (int g = 0; g < s.groups(); g++) {
                    int yOff = (img * s.cOut() + g * geo.coutG) * geo.p + p0;
                    int xOff = (img * s.cIn() + g * geo.cinG) * geo.hw;
                    float[] b;
                    int bOff;
                    int ldb;
                    if (geo.pointwise) {
                        b = x;
                        bOff = xOff + p0;
                        ldb = geo.hw;
                    } else {
                        ConvIm2col.im2col(s, x, xOff, oh0, oh1, col);
                        b = col;
                        bOff = 0;
                        ldb = width;
                    }
                    gemmWithBias(geo, width, w, g, b, bOff, ldb, y, yOff, geo.p, bias);
                }
            }
        });
    }

    /**
     * How many images one forward work item puts side by side in one GEMM: one when an image's output is at
     * least {@link #SIDE_BY_SIDE_COLUMNS} cells, else enough to reach about that width (ResNet's 14x14 and 7x7 maps
     * are 196 and 49 columns, too few to repay the weight packing and with ragged last panels).
     */
    private static int imagesPerItem(Conv2dShape s, Geometry geo) {
        if (geo.p >= SIDE_BY_SIDE_COLUMNS || s.n() <= 1) {
            return 1;
        }
        return imagesPerItem(s.n(), geo.p, Parallel.inParallelRegion() ? 1 : Parallel.numThreads());
    }

    /**
     * {@link #imagesPerItem(Conv2dShape, Geometry)} for {@code n} images of {@code p} output cells on {@code threads}
     * threads: about {@code SIDE_BY_SIDE_COLUMNS / p}, in a number of items that is a multiple of the thread count
     * where the batch allows, then raised (to at most twice that) while that leaves the busiest thread fewer images.
     * Without the last step 16 images of 14x14 went three to an item, six items of which the last held one, and one
     * thread computed 9 images while the other computed 7; four to an item gives each thread 8.
     */
    static int imagesPerItem(int n, int p, int threads) {
        long items = Math.max(1, (long) n * p / SIDE_BY_SIDE_COLUMNS);
        long even = Math.ceilDiv(items, threads) * threads;
        if (even <= n) {
            items = even;
        }
        int first = (int) Math.ceilDiv(n, items);
        int best = first;
        int bestLoad = busiestThreadImages(n, first, threads);
        for (int per = first + 1; per <= Math.min(n, 2 * first); per++) {
            int load = busiestThreadImages(n, per, threads);
            if (load < bestLoad) {
                best = per;
                bestLoad = load;
            }
        }
        return best;
    }

    /** Images on the busiest thread when {@code n} images go {@code per} to an item, in {@link #chunksFor} chunks. */
    private static int busiestThreadImages(int n, int per, int threads) {
        int items = Math.ceilDiv(n, per);
        int chunks = chunksFor(items, threads);
        int most = 0;
        for (int t = 0; t < chunks; t++) {
            int start = Parallel.chunkStart(items, chunks, t) * per;
            int end = Math.min(n, Parallel.chunkStart(items, chunks, t + 1) * per);
            most = Math.max(most, end - start);
        }
        return most;
    }

    /**
     * Forward with {@code perItem} images per GEMM: their column matrices sit side by side ({@code [K, perItem*P]}),
     * the product (with bias) goes to a staging buffer and each image's slice is copied into {@code y}.
     */
    private static void forwardSideBySide(Conv2dShape s, Geometry geo, int perItem, float[] x, float[] w,
                                          float[] bias, float[] y) {
        int items = Math.ceilDiv(s.n(), perItem);
        Parallel.forChunks(items, chunksFor(items), (lo, hi) -> {
            ConvWorkspace ws = ConvWorkspace.current();
            float[] col = ws.columns(geo.k * perItem * geo.p);
            float[] out = ws.outputs(geo.coutG * perItem * geo.p);
            for (int item = lo; item < hi; item++) {
                int i0 = item * perItem;
                int i1 = Math.min(s.n(), i0 + perItem);
                int width = (i1 - i0) * geo.p;
                for (int g = 0; g < s.groups(); g++) {
                    for (int img = i0; img < i1; img++) {
                        int xOff = (img * s.cIn() + g * geo.cinG) * geo.hw;
                        int colOff = (img - i0) * geo.p;
                        if (geo.pointwise) {
                            for (int c = 0; c < geo.cinG; c++) {
                                System.arraycopy(x, xOff + c * geo.hw, col, colOff + c * width, geo.p);
                            }
                        } else {
                            ConvIm2col.im2col(s, x, xOff, 0, geo.outH, col, colOff, width);
                        }
                    }
                    gemmWithBias(geo, width, w, g, col, 0, width, out, 0, width, bias);
                    for (int img = i0; img < i1; img++) {
                        int yOff = (img * s.cOut() + g * geo.coutG) * geo.p;
                        int src = (img - i0) * geo.p;
                        for (int r = 0; r < geo.coutG; r++) {
                            System.arraycopy(out, src + r * width, y, yOff + r * geo.p, geo.p);
                        }
                    }
                }
            }
        });
    }

    /** {@code C = W[g] * B (+ bias[g])}, {@code B} being {@code [K, width]}: the bias goes in as C is first stored. */
    private static void gemmWithBias(Geometry geo, int width, float[] w, int g, float[] b, int bOff, int ldb,
                                     float[] c, int cOff, int ldc, float[] bias) {
        int wOff = g * geo.coutG * geo.k;
        if (bias == null) {
            SimdGemm.sgemm(false, false, geo.coutG, width, geo.k, w, wOff, geo.k, b, bOff, ldb, c, cOff, ldc, false);
        } else {
            SimdGemm.sgemmRowBias(geo.coutG, width, geo.k, w, wOff, geo.k, b, bOff, ldb, c, cOff, ldc,
                    bias, g * geo.coutG);
        }
    }

    static void backwardInput(Conv2dShape s, float[] gy, float[] w, float[] gx) {
        checkSizes(s, gx, w, gy, null);
        if (SmallConv2d.supports(s)) {
            SmallConv2d.backwardInput(s, gy, w, gx);
            return;
        }
        Geometry geo = new Geometry(s);
        // col2im of neighbouring bands overlaps in gx, so an image is one work item.
        Parallel.forChunks(s.n(), chunksFor(s.n()), (lo, hi) -> {
            float[] col = geo.pointwise ? null : ConvWorkspace.current().columns(geo.k * geo.bandRows * geo.outW);
            for (int img = lo; img < hi; img++) {
                if (geo.pointwise) {
                    for (int g = 0; g < s.groups(); g++) {
                        SimdGemm.sgemm(true, false, geo.cinG, geo.p, geo.coutG,
                                w, g * geo.coutG * geo.k, geo.k,
                                gy, (img * s.cOut() + g * geo.coutG) * geo.p, geo.p,
                                gx, (img * s.cIn() + g * geo.cinG) * geo.hw, geo.hw, false);
                    }
                    continue;
                }
                int gxImage = img * s.cIn() * geo.hw;
                Arrays.fill(gx, gxImage, gxImage + s.cIn() * geo.hw, 0f);
                for (int oh0 = 0; oh0 < geo.outH; oh0 += geo.bandRows) {
                    int oh1 = Math.min(geo.outH, oh0 + geo.bandRows);
                    int width = (oh1 - oh0) * geo.outW;
                    for (int g = 0; g < s.groups(); g++) {
                        SimdGemm.sgemm(true, false, geo.k, width, geo.coutG,
                                w, g * geo.coutG * geo.k, geo.k,
                                gy, (img * s.cOut() + g * geo.coutG) * geo.p + oh0 * geo.outW, geo.p,
                                col, 0, width, false);
                        ConvIm2col.col2imAdd(s, col, oh0, oh1, gx, gxImage + g * geo.cinG * geo.hw);
                    }
                }
            }
        });
    }

    static void backwardWeight(Conv2dShape s, float[] x, float[] gy, float[] gw, float[] gb) {
        checkSizes(s, x, gw, gy, gb);
        if (SmallConv2d.supports(s)) {
            SmallConv2d.backwardWeight(s, x, gy, gw, gb);
            return;
        }
        if (ChannelLaneWeightGradient.replacesGemm(s)) {
            ChannelLaneWeightGradient.compute(SmallConv2d.Plan.forward(s), s.n(), x, gy, gw, gb);
            return;
        }
        if (s.n() == 0) { // an empty batch has zero gradients, and no task would run to write them
            Arrays.fill(gw, 0, s.cOut() * s.cInPerGroup() * s.kh() * s.kw(), 0f);
            if (gb != null) {
                Arrays.fill(gb, 0, s.cOut(), 0f);
            }
            return;
        }
        Geometry geo = new Geometry(s);
        int items = s.n() * geo.bands;
        int chunks = chunksFor(items);
        int gwSize = s.cOut() * geo.k;
        // Task t sums gW ([cOut][K]) into its slice of the caller's partials; the slices are then added into gw in
        // task order, so the result does not depend on timing.
        float[] partials = ConvWorkspace.current().partials(chunks * gwSize);
        boolean[] ran = new boolean[chunks];
        Parallel.forChunks(items, chunks, (lo, hi) -> {
            int task = taskIndex(items, chunks, lo);
            ran[task] = true;
            float[] col = geo.pointwise ? null : ConvWorkspace.current().columns(geo.k * geo.bandRows * geo.outW);
            for (int item = lo; item < hi; item++) {
                int img = item / geo.bands;
                int oh0 = (item % geo.bands) * geo.bandRows;
                int oh1 = Math.min(geo.outH, oh0 + geo.bandRows);
                int p0 = oh0 * geo.outW;
                int width = (oh1 - oh0) * geo.outW;
                for (int g = 0; g < s.groups(); g++) {
                    int xOff = (img * s.cIn() + g * geo.cinG) * geo.hw;
                    float[] b;
                    int bOff;
                    int ldb;
                    if (geo.pointwise) {
                        b = x;
                        bOff = xOff + p0;
                        ldb = geo.hw;
                    } else {
                        ConvIm2col.im2col(s, x, xOff, oh0, oh1, col);
                        b = col;
                        bOff = 0;
                        ldb = width;
                    }
                    // gW[g] [cOutPerGroup, K] (+)= gy[n, g] [cOutPerGroup, band] * col^T
                    SimdGemm.sgemm(false, true, geo.coutG, geo.k, width,
                            gy, (img * s.cOut() + g * geo.coutG) * geo.p + p0, geo.p, b, bOff, ldb,
                            partials, task * gwSize + g * geo.coutG * geo.k, geo.k, item != lo);
                }
            }
        });
        Parallel.forRange(s.cOut(), 8, co -> {
            int dst = co * geo.k;
            for (int r = 0; r < geo.k; r++) {
                float sum = 0f;
                for (int t = 0; t < chunks; t++) {
                    if (ran[t]) {
                        sum += partials[t * gwSize + dst + r];
                    }
                }
                gw[dst + r] = sum;
            }
        });
        if (gb != null) {
            Parallel.forRange(s.cOut(), 8, co -> {
                float sum = 0f;
                for (int img = 0; img < s.n(); img++) {
                    sum += sum(gy, (img * s.cOut() + co) * geo.p, geo.p);
                }
                gb[co] = sum;
            });
        }
    }

    /** Sizes derived once per call from the shape. */
    private static final class Geometry {
        final int outH;
        final int outW;
        final int p;
        final int hw;
        final int cinG;
        final int coutG;
        final int k;
        final boolean pointwise;
        final int bandRows;
        final int bands;

        Geometry(Conv2dShape s) {
            outH = s.outH();
            outW = s.outW();
            p = outH * outW;
            hw = s.h() * s.w();
            cinG = s.cInPerGroup();
            coutG = s.cOutPerGroup();
            k = cinG * s.kh() * s.kw();
            pointwise = s.kh() == 1 && s.kw() == 1 && s.strideH() == 1 && s.strideW() == 1
                    && s.padTop() == 0 && s.padLeft() == 0 && s.padBottom() == 0 && s.padRight() == 0;
            // A band is at least MIN_BAND_COLUMNS wide even when its column matrix then outgrows L2: the GEMM
            // packs its pre-broadcast weights (L floats per weight) once per band, which for a deep K and a
            // narrow band (one 28-column row at K = 4608) cost more than the multiply-adds themselves.
            long rowsForCache = BAND_FLOATS / ((long) k * outW);
            long rowsForWidth = Math.ceilDiv(MIN_BAND_COLUMNS, outW);
            int maxRows = pointwise ? outH : (int) Math.clamp(Math.max(rowsForCache, rowsForWidth), 1, outH);
            // Even bands: a thin last band would run the GEMM at a fraction of its speed.
            bands = Math.ceilDiv(outH, maxRows);
            bandRows = Math.ceilDiv(outH, bands);
        }
    }

    /**
     * How many chunks {@code items} equal work items go in: the fewest whose run on the {@code T} threads of
     * {@link Parallel#forChunks} ends as early as any split can, after {@code ceil(items / T)} item-times (each chunk
     * has a fixed cost, so no more than that). Five items on two threads: two chunks (2 and 3 items); four on three:
     * two chunks of 2, which end with three chunks of 1, 1 and 2.
     */
    static int chunksFor(int items) {
        return chunksFor(items, Parallel.inParallelRegion() ? 1 : Parallel.numThreads());
    }

    /** {@link #chunksFor(int)} on {@code threads} threads. */
    static int chunksFor(int items, int threads) {
        if (threads == 1 || items <= 1) {
            return 1;
        }
        return Math.ceilDiv(items, Math.ceilDiv(items, threads));
    }

    /** Which of {@code Parallel.forChunks}' contiguous ranges starts at {@code lo} (ranges are non-empty and distinct). */
    private static int taskIndex(int n, int chunks, int lo) {
        for (int t = 0; t < chunks; t++) {
            if (Parallel.chunkStart(n, chunks, t) == lo) {
                return t;
            }
        }
        throw new IllegalStateException("conv2d: no task starts at " + lo + " of " + n + " in " + chunks + " chunks");
    }

    private static float sum(float[] a, int off, int len) {
        var acc = FloatVector.zero(S);
        int i = 0;
        for (int upper = S.loopBound(len); i < upper; i += S.length()) {
            acc = acc.add(FloatVector.fromArray(S, a, off + i));
        }
        float sum = Lanes.sum(acc);
        for (; i < len; i++) {
            sum += a[off + i];
        }
        return sum;
    }

    private static void checkSizes(Conv2dShape s, float[] x, float[] w, float[] y, float[] bias) {
        if (s.outH() <= 0 || s.outW() <= 0) {
            throw new IllegalArgumentException("conv2d: input " + s.h() + "x" + s.w() + " is too small for kernel "
                    + s.kh() + "x" + s.kw() + " (dilation " + s.dilationH() + "x" + s.dilationW() + ", padding "
                    + s.padTop() + "/" + s.padBottom() + ", " + s.padLeft() + "/" + s.padRight() + ")");
        }
        expect("input", (long) s.n() * s.cIn() * s.h() * s.w(), x.length);
        expect("weight", (long) s.cOut() * s.cInPerGroup() * s.kh() * s.kw(), w.length);
        expect("output", (long) s.n() * s.cOut() * s.outH() * s.outW(), y.length);
        if (bias != null) {
            expect("bias", s.cOut(), bias.length);
        }
    }

    private static void expect(String what, long expected, int received) {
        if (received < expected) {
            throw new IllegalArgumentException("conv2d: " + what + " array needs " + expected
                    + " elements for this geometry, received " + received);
        }
    }
}
