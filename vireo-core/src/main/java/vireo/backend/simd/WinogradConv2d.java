package vireo.backend.simd;

import java.util.Arrays;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import vireo.backend.Conv2dShape;
import vireo.backend.Parallel;

/**
 * The forward pass of a 3x3, stride-1 convolution by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray,
 * "Fast Algorithms for Convolutional Neural Networks", 2015): each 2x2 block of outputs ("tile") costs 16
 * multiplies per input channel instead of 36, so the GEMMs do 2.25 times fewer multiply-adds than im2col's.
 *
 * <p>With {@code d} a tile's 4x4 input patch of one channel and {@code g} a 3x3 filter,
 * {@code y = A^T [(G g G^T) . (B^T d B)] A}, where
 * <pre>
 *   B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]   G = [1 0 0; .5 .5 .5; .5 -.5 .5; 0 0 1]   A^T = [1 1 1 0; 0 1 -1 -1]
 * </pre>
 * The sum over input channels runs in the transformed domain, as 16 GEMMs (one per position {@code xi} of the
 * 4x4 transform) over a chunk of {@code T} tiles:
 * <pre>
 *   U[xi] [cOut, cIn] = (G g G^T)[xi]          filters, once per call
 *   V[xi] [cIn, T]    = (B^T d B)[xi]          the chunk's input patches
 *   M[xi] [cOut, T]   = U[xi] * V[xi]          SimdGemm, on the chunk's thread
 *   y (2x2 per tile)  = A^T M A + bias
 * </pre>
 * Tiles are numbered over the whole batch (image, tile row, tile column), so a chunk may span images: 14x14 maps
 * have only 49 tiles an image, too few to repay packing the 16 filter matrices. The transforms run along a tile
 * row, {@code L} tiles per vector: the input is first split into even and odd columns (tile {@code j} starts at
 * padded column {@code 2j}), which turns the overlapping, stride-2 patches into unit-stride vector loads.
 *
 * <p>Rounding differs from the direct sum (the transforms add and halve before multiplying) by a few units in the
 * last place of the terms' magnitude; each output's sums run in an order fixed by the shape alone, so results do
 * not depend on the thread count or the chunking.
 */
final class WinogradConv2d {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Positions of the 4x4 transform. */
    private static final int XI = 16;
    /** Fewest input and output channels for which the transforms cost less than the multiply-adds they save. */
    private static final int MIN_CHANNELS = Integer.getInteger("vireo.conv.winogradMinChannels", 16);
    /**
     * Smallest output side: a 7x7 map is covered by 4x4 tiles of 2x2, 31% of them padding, and measured no faster
     * than im2col (ResNet's last stage); 14x14 and up were 1.3 to 1.7 times faster.
     */
    private static final int MIN_SIDE = 8;
    /**
     * Target floats of one chunk's transformed input (and of its products): 1 MiB each, unless that is too few
     * tiles. At 4 MiB the 64-channel layers took 1,024-tile chunks and ran 13-15 % slower (ResNet-50's 56x56 and
     * VGG-16's 224x224 layers, two threads); deeper layers already sat at {@link #MIN_CHUNK_TILES} or measured the
     * same either way.
     */
    private static final int CHUNK_FLOATS = Integer.getInteger("vireo.conv.winogradChunkFloats", 1 << 18);
    /**
     * Fewest tiles per chunk: the 16 filter matrices are packed again for every chunk, which at 128 tiles (512
     * channels) cost more than the chunk's larger working set at 256 (VGG's 14x14 layers: 66-72 against 50-57 ms).
     */
    private static final int MIN_CHUNK_TILES = 256;
    /** Interleaves of two vectors: lanes {@code 0, L, 1, L+1, ...} and the upper half of that sequence. */
    private static final VectorShuffle<Float> ZIP_LO = VectorShuffle.fromArray(S,
            IntStream.range(0, L).map(i -> (i & 1) * L + i / 2).toArray(), 0);
    private static final VectorShuffle<Float> ZIP_HI = VectorShuffle.fromArray(S,
            IntStream.range(0, L).map(i -> (i & 1) * L + L / 2 + i / 2).toArray(), 0);
    /** Offsets of {@code L} consecutive filters' same tap: a 3x3 filter is 9 floats. */
    private static final int[] NINES = IntStream.range(0, L).map(i -> 9 * i).toArray();
    /** The even and the odd lanes of two vectors: {@code 0, 2, ..., 2L-2} and {@code 1, 3, ..., 2L-1}. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromArray(S,
            IntStream.range(0, L).map(i -> 2 * i).toArray(), 0);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromArray(S,
            IntStream.range(0, L).map(i -> 2 * i + 1).toArray(), 0);

    private WinogradConv2d() {
    }

    /** Whether {@link #forward} computes this convolution (and is expected to be faster than im2col). */
    static boolean supports(Conv2dShape s) {
        return s.kh() == 3 && s.kw() == 3 && s.strideH() == 1 && s.strideW() == 1 && s.dilationH() == 1
                && s.dilationW() == 1 && s.groups() == 1 && s.cIn() >= MIN_CHANNELS && s.cOut() >= MIN_CHANNELS
                && s.n() > 0 && s.outH() >= MIN_SIDE && s.outW() >= MIN_SIDE;
    }

    /**
     * Shapes: {@code x [n, cIn, h, w]}, {@code w [cOut, cIn, 3, 3]}, {@code bias [cOut]} or null,
     * {@code y [n, cOut, outH, outW]}, all contiguous.
     */
    static void forward(Conv2dShape s, float[] x, float[] w, float[] bias, float[] y) {
        Plan plan = new Plan(s);
        float[] u = ConvWorkspace.current().filters(XI * s.cOut() * s.cIn());
        Parallel.forRange(s.cOut(), 8, co -> transformFilters(s, w, co, u));
        int chunks = plan.chunks;
        Parallel.forChunks(chunks, SimdConv2d.chunksFor(chunks), (lo, hi) -> {
            ConvWorkspace ws = ConvWorkspace.current();
            float[] v = ws.columns(XI * s.cIn() * plan.ld);
            float[] m = ws.outputs(XI * s.cOut() * plan.ld);
            float[] rows = ws.rows(8 * plan.rowLength + 4 * plan.padLength);
            float[] block = new float[4 * L];
            for (int chunk = lo; chunk < hi; chunk++) {
                long t0 = (long) chunk * plan.total / chunks;
                long t1 = (long) (chunk + 1) * plan.total / chunks;
                int tiles = (int) (t1 - t0);
                plan.forEachRun(t0, t1, (img, ty, tx0, count, col) ->
                        transformInput(s, plan, x, img, ty, tx0, count, v, col, rows));
                for (int xi = 0; xi < XI; xi++) {
                    SimdGemm.sgemm(false, false, s.cOut(), tiles, s.cIn(), u, xi * s.cOut() * s.cIn(), s.cIn(),
                            v, xi * s.cIn() * plan.ld, plan.ld, m, xi * s.cOut() * plan.ld, plan.ld, false);
                }
                plan.forEachRun(t0, t1, (img, ty, tx0, count, col) ->
                        transformOutput(s, plan, m, bias, img, ty, tx0, count, col, y, block));
            }
        });
    }

    /** The tiling of one call: sizes, and the chunks the batch's tiles are cut into. */
    private static final class Plan {
        final int outH;
        final int outW;
        final int tilesW;
        final int perImage;
        final long total;
        final int chunks;
        /** Leading dimension of V and M: the longest chunk plus a vector, as the transforms write whole vectors. */
        final int ld;
        /** Length of one staging row of the input transform: a tile row's tiles plus one, plus a vector. */
        final int rowLength;
        /** Length of one padded input row of the input transform: two columns a tile plus two, plus two vectors. */
        final int padLength;

        Plan(Conv2dShape s) {
            outH = s.outH();
            outW = s.outW();
            tilesW = Math.ceilDiv(outW, 2);
            perImage = Math.ceilDiv(outH, 2) * tilesW;
            total = (long) s.n() * perImage;
            long target = Math.max(MIN_CHUNK_TILES, CHUNK_FLOATS / (XI * (long) Math.max(s.cIn(), s.cOut())));
            long count = Math.max(1, Math.ceilDiv(total, target));
            int threads = Parallel.inParallelRegion() ? 1 : Parallel.numThreads();
            long even = Math.ceilDiv(count, threads) * threads; // no thread idles through the last round
            if (Math.ceilDiv(total, even) >= MIN_CHUNK_TILES / 2) {
                count = even;
            }
            chunks = (int) Math.min(count, total);
            ld = (int) Math.ceilDiv(total, chunks) + L;
            rowLength = tilesW + 1 + L;
            padLength = 2 * tilesW + 2 + 2 * L;
        }

        /** Calls {@code run} for each stretch of tiles {@code [t0, t1)} that lies in one tile row of one image. */
        void forEachRun(long t0, long t1, Run run) {
            long t = t0;
            while (t < t1) {
                int img = (int) (t / perImage);
                int inImage = (int) (t - (long) img * perImage);
                int ty = inImage / tilesW;
                int tx = inImage % tilesW;
                int count = (int) Math.min(tilesW - tx, t1 - t);
                run.accept(img, ty, tx, count, (int) (t - t0));
                t += count;
            }
        }
    }

    /** A stretch of {@code count} tiles from column {@code tx0} of tile row {@code ty}, at chunk column {@code col}. */
    @FunctionalInterface
    private interface Run {
        void accept(int img, int ty, int tx0, int count, int col);
    }

    /**
     * {@code U[xi][co][ci] = (G g G^T)[xi]} for every input channel of output channel {@code co}: {@code L} input
     * channels at a time, their filters gathered 9 floats apart, then the rest one by one in the same order of
     * operations.
     */
    private static void transformFilters(Conv2dShape s, float[] w, int co, float[] u) {
        int cin = s.cIn();
        int plane = s.cOut() * cin;
        int ci = 0;
        for (; ci + L <= cin; ci += L) {
            int g = (co * cin + ci) * 9;
            int dst = co * cin + ci;
            // The filter's rows a, b, c (three columns each), L filters at a time.
            FloatVector a0 = FloatVector.fromArray(S, w, g, NINES, 0);
            FloatVector a1 = FloatVector.fromArray(S, w, g + 1, NINES, 0);
            FloatVector a2 = FloatVector.fromArray(S, w, g + 2, NINES, 0);
            FloatVector b0 = FloatVector.fromArray(S, w, g + 3, NINES, 0);
            FloatVector b1 = FloatVector.fromArray(S, w, g + 4, NINES, 0);
            FloatVector b2 = FloatVector.fromArray(S, w, g + 5, NINES, 0);
            FloatVector c0 = FloatVector.fromArray(S, w, g + 6, NINES, 0);
            FloatVector c1 = FloatVector.fromArray(S, w, g + 7, NINES, 0);
            FloatVector c2 = FloatVector.fromArray(S, w, g + 8, NINES, 0);
            // G g has rows a, (a+b+c)/2, (a-b+c)/2, c; each row (x0, x1, x2) then gives x0, (x0+x1+x2)/2,
            // (x0-x1+x2)/2, x2. Written out: vectors kept in an array or passed to a helper would be boxed.
            FloatVector x0 = a0;
            FloatVector x1 = a1;
            FloatVector x2 = a2;
            int at = dst;
            x0.intoArray(u, at);
            x0.add(x1).add(x2).mul(0.5f).intoArray(u, at + plane);
            x0.sub(x1).add(x2).mul(0.5f).intoArray(u, at + 2 * plane);
            x2.intoArray(u, at + 3 * plane);
            x0 = a0.add(b0).add(c0).mul(0.5f);
            x1 = a1.add(b1).add(c1).mul(0.5f);
            x2 = a2.add(b2).add(c2).mul(0.5f);
            at += 4 * plane;
            x0.intoArray(u, at);
            x0.add(x1).add(x2).mul(0.5f).intoArray(u, at + plane);
            x0.sub(x1).add(x2).mul(0.5f).intoArray(u, at + 2 * plane);
            x2.intoArray(u, at + 3 * plane);
            x0 = a0.sub(b0).add(c0).mul(0.5f);
            x1 = a1.sub(b1).add(c1).mul(0.5f);
            x2 = a2.sub(b2).add(c2).mul(0.5f);
            at += 4 * plane;
            x0.intoArray(u, at);
            x0.add(x1).add(x2).mul(0.5f).intoArray(u, at + plane);
            x0.sub(x1).add(x2).mul(0.5f).intoArray(u, at + 2 * plane);
            x2.intoArray(u, at + 3 * plane);
            at += 4 * plane;
            c0.intoArray(u, at);
            c0.add(c1).add(c2).mul(0.5f).intoArray(u, at + plane);
            c0.sub(c1).add(c2).mul(0.5f).intoArray(u, at + 2 * plane);
            c2.intoArray(u, at + 3 * plane);
        }
        float[] gg = new float[12];
        for (; ci < cin; ci++) {
            int g = (co * cin + ci) * 9;
            for (int c = 0; c < 3; c++) {
                float g0 = w[g + c];
                float g1 = w[g + 3 + c];
                float g2 = w[g + 6 + c];
                gg[c] = g0;
                gg[3 + c] = (g0 + g1 + g2) * 0.5f;
                gg[6 + c] = (g0 - g1 + g2) * 0.5f;
                gg[9 + c] = g2;
            }
            int dst = co * cin + ci;
            for (int r = 0; r < 4; r++) {
                float a = gg[3 * r];
                float b = gg[3 * r + 1];
                float c = gg[3 * r + 2];
                u[(4 * r) * plane + dst] = a;
                u[(4 * r + 1) * plane + dst] = (a + b + c) * 0.5f;
                u[(4 * r + 2) * plane + dst] = (a - b + c) * 0.5f;
                u[(4 * r + 3) * plane + dst] = c;
            }
        }
    }

    /**
     * Writes {@code V[xi][ci][col .. col+count)} for a run of tiles, every input channel. For each channel the
     * run's four input rows are copied with their padding into {@code rows} (from offset {@code 8 * rowLength},
     * {@code padLength} floats each), split into even and odd columns and combined by {@code B^T} (row
     * combinations {@code r0-r2, r1+r2, r2-r1, r1-r3}) into eight staging rows at the start of {@code rows}: the
     * even combinations, then the odd. The column combinations then read tile {@code j}'s even and odd values at
     * {@code j} and {@code j + 1}.
     */
    private static void transformInput(Conv2dShape s, Plan plan, float[] x, int img, int ty, int tx0, int count,
                                       float[] v, int col, float[] rows) {
        int cin = s.cIn();
        int rl = plan.rowLength;
        int pl = plan.padLength;
        int ld = plan.ld;
        int plane16 = cin * ld;
        int y0 = 2 * ty - s.padTop();
        int c0 = 2 * tx0 - s.padLeft();
        int span = 2 * count + 2; // padded columns the run reads
        int padded = 8 * rl;
        for (int ci = 0; ci < cin; ci++) {
            int plane = (img * cin + ci) * s.h() * s.w();
            for (int i = 0; i < 4; i++) {
                copyPadded(s, x, plane, y0 + i, c0, span, rows, padded + i * pl);
            }
            splitAndCombineRows(rows, padded, pl, rl, count);
            combineColumns(rows, rl, count, v, ci * ld + col, plane16);
        }
    }

    /*
     * The hot loops below take and return no vectors: C2 gives up inlining a call once a method grows past a node
     * budget, and a vector passed to a call that is not inlined is boxed on the heap (measured: a young collection
     * every few calls, and the transforms at a third of their speed).
     */

    /**
     * Splits the four padded rows at {@code rows[padded + i * pl]} into even and odd columns, and stores {@code B^T}'s
     * row combinations ({@code r0-r2, r1+r2, r2-r1, r1-r3}) of each, {@code count + 1} columns: the even ones in
     * staging rows 0..3 and the odd ones in rows 4..7, {@code rl} apart from offset 0.
     */
    private static void splitAndCombineRows(float[] rows, int padded, int pl, int rl, int count) {
        for (int j = 0; j <= count; j += L) {
            int p = padded + 2 * j;
            FloatVector a0 = FloatVector.fromArray(S, rows, p);
            FloatVector b0 = FloatVector.fromArray(S, rows, p + L);
            FloatVector a1 = FloatVector.fromArray(S, rows, p + pl);
            FloatVector b1 = FloatVector.fromArray(S, rows, p + pl + L);
            FloatVector a2 = FloatVector.fromArray(S, rows, p + 2 * pl);
            FloatVector b2 = FloatVector.fromArray(S, rows, p + 2 * pl + L);
            FloatVector a3 = FloatVector.fromArray(S, rows, p + 3 * pl);
            FloatVector b3 = FloatVector.fromArray(S, rows, p + 3 * pl + L);
            FloatVector r0 = a0.rearrange(EVEN, b0);
            FloatVector r1 = a1.rearrange(EVEN, b1);
            FloatVector r2 = a2.rearrange(EVEN, b2);
            FloatVector r3 = a3.rearrange(EVEN, b3);
            r0.sub(r2).intoArray(rows, j);
            r1.add(r2).intoArray(rows, j + rl);
            r2.sub(r1).intoArray(rows, j + 2 * rl);
            r1.sub(r3).intoArray(rows, j + 3 * rl);
            r0 = a0.rearrange(ODD, b0);
            r1 = a1.rearrange(ODD, b1);
            r2 = a2.rearrange(ODD, b2);
            r3 = a3.rearrange(ODD, b3);
            r0.sub(r2).intoArray(rows, j + 4 * rl);
            r1.add(r2).intoArray(rows, j + 5 * rl);
            r2.sub(r1).intoArray(rows, j + 6 * rl);
            r1.sub(r3).intoArray(rows, j + 7 * rl);
        }
    }

    /**
     * {@code B^T}'s column combinations of the staging rows, {@code count} tiles: tile {@code j} of row-combination
     * {@code k} reads the even values {@code e0, e1} at {@code j, j+1} and the odd ones {@code o0, o1}, and
     * {@code V[4k .. 4k+3]} get {@code e0-e1, o0+e1, e1-o0, o0-o1} at {@code v[dst + j]}, planes {@code plane16} apart.
     */
    private static void combineColumns(float[] rows, int rl, int count, float[] v, int dst, int plane16) {
        for (int k = 0; k < 4; k++) {
            int even = k * rl;
            int odd = (4 + k) * rl;
            int d = 4 * k * plane16 + dst;
            for (int j = 0; j < count; j += L) {
                FloatVector e0 = FloatVector.fromArray(S, rows, even + j);
                FloatVector e1 = FloatVector.fromArray(S, rows, even + j + 1);
                FloatVector o0 = FloatVector.fromArray(S, rows, odd + j);
                FloatVector o1 = FloatVector.fromArray(S, rows, odd + j + 1);
                e0.sub(e1).intoArray(v, d + j);
                o0.add(e1).intoArray(v, d + plane16 + j);
                e1.sub(o0).intoArray(v, d + 2 * plane16 + j);
                o0.sub(o1).intoArray(v, d + 3 * plane16 + j);
            }
        }
    }

    /** Copies columns {@code [c0, c0 + span)} of input row {@code row} to {@code dst[at...]}, zero outside the image. */
    private static void copyPadded(Conv2dShape s, float[] x, int plane, int row, int c0, int span, float[] dst,
                                   int at) {
        int lo = Math.clamp(-c0, 0, span);       // first column inside the image
        int hi = Math.clamp(s.w() - c0, lo, span); // end of the columns inside
        if (row < 0 || row >= s.h()) {
            hi = lo;
        }
        Arrays.fill(dst, at, at + lo, 0f);
        if (hi > lo) {
            System.arraycopy(x, plane + row * s.w() + c0 + lo, dst, at + lo, hi - lo);
        }
        Arrays.fill(dst, at + hi, at + span, 0f);
    }

    /**
     * Writes the 2x2 outputs of a run of tiles, every output channel: {@code A^T M A + bias} for {@code L} tiles at a
     * time ({@link #outputBlock}). Where the {@code L} tiles' {@code 2L} output columns lie inside the map, each output
     * row's even and odd columns are interleaved into two whole vectors; elsewhere (the run's last tiles, all of a
     * tile row narrower than a vector) the outputs are stored one by one.
     */
    private static void transformOutput(Conv2dShape s, Plan plan, float[] m, float[] bias, int img, int ty, int tx0,
                                        int count, int col, float[] y, float[] block) {
        int cout = s.cOut();
        int outH = plan.outH;
        int outW = plan.outW;
        int ld = plan.ld;
        int plane16 = cout * ld;
        int row0 = 2 * ty;
        boolean secondRow = row0 + 1 < outH;
        for (int co = 0; co < cout; co++) {
            float b = bias == null ? 0f : bias[co];
            int out = ((img * cout + co) * outH + row0) * outW;
            for (int j = 0; j < count; j += L) {
                outputBlock(m, co * ld + col + j, plane16, b, block);
                int x0 = 2 * (tx0 + j);
                int tiles = Math.min(L, count - j);
                if (tiles == L && x0 + 2 * L <= outW) {
                    storeInterleaved(block, 0, y, out + x0);
                    if (secondRow) {
                        storeInterleaved(block, 2 * L, y, out + outW + x0);
                    }
                } else {
                    int cols = Math.min(2 * tiles, outW - x0);
                    storeOneByOne(block, 0, y, out + x0, cols);
                    if (secondRow) {
                        storeOneByOne(block, 2 * L, y, out + outW + x0, cols);
                    }
                }
            }
        }
    }

    /**
     * {@code A^T M A + bias} for the {@code L} tiles at {@code m[i]} (16 planes {@code plane16} apart), the rows
     * combined by {@code A^T} first ({@code m0+m1+m2, m1-m2-m3}), then the columns. Writes four vectors to
     * {@code block}: output row 0's even and odd columns, then row 1's.
     */
    private static void outputBlock(float[] m, int i, int plane16, float bias, float[] block) {
        FloatVector b = FloatVector.broadcast(S, bias);
        FloatVector m4 = FloatVector.fromArray(S, m, i + 4 * plane16);
        FloatVector m5 = FloatVector.fromArray(S, m, i + 5 * plane16);
        FloatVector m6 = FloatVector.fromArray(S, m, i + 6 * plane16);
        FloatVector m7 = FloatVector.fromArray(S, m, i + 7 * plane16);
        FloatVector m8 = FloatVector.fromArray(S, m, i + 8 * plane16);
        FloatVector m9 = FloatVector.fromArray(S, m, i + 9 * plane16);
        FloatVector m10 = FloatVector.fromArray(S, m, i + 10 * plane16);
        FloatVector m11 = FloatVector.fromArray(S, m, i + 11 * plane16);
        // Row 0 of A^T M, columns 0..3: M[l] + M[4+l] + M[8+l].
        FloatVector p0 = FloatVector.fromArray(S, m, i).add(m4).add(m8);
        FloatVector p1 = FloatVector.fromArray(S, m, i + plane16).add(m5).add(m9);
        FloatVector p2 = FloatVector.fromArray(S, m, i + 2 * plane16).add(m6).add(m10);
        FloatVector p3 = FloatVector.fromArray(S, m, i + 3 * plane16).add(m7).add(m11);
        p0.add(p1).add(p2).add(b).intoArray(block, 0);
        p1.sub(p2).sub(p3).add(b).intoArray(block, L);
        // Row 1 of A^T M: M[4+l] - M[8+l] - M[12+l].
        FloatVector q0 = m4.sub(m8).sub(FloatVector.fromArray(S, m, i + 12 * plane16));
        FloatVector q1 = m5.sub(m9).sub(FloatVector.fromArray(S, m, i + 13 * plane16));
        FloatVector q2 = m6.sub(m10).sub(FloatVector.fromArray(S, m, i + 14 * plane16));
        FloatVector q3 = m7.sub(m11).sub(FloatVector.fromArray(S, m, i + 15 * plane16));
        q0.add(q1).add(q2).add(b).intoArray(block, 2 * L);
        q1.sub(q2).sub(q3).add(b).intoArray(block, 3 * L);
    }

    /** Stores the even columns {@code block[at...]} and the odd ones {@code block[at + L...]} interleaved at {@code y[to]}. */
    private static void storeInterleaved(float[] block, int at, float[] y, int to) {
        FloatVector even = FloatVector.fromArray(S, block, at);
        FloatVector odd = FloatVector.fromArray(S, block, at + L);
        even.rearrange(ZIP_LO, odd).intoArray(y, to);
        even.rearrange(ZIP_HI, odd).intoArray(y, to + L);
    }

    /** The first {@code cols} columns of what {@link #storeInterleaved} stores, one by one. */
    private static void storeOneByOne(float[] block, int at, float[] y, int to, int cols) {
        for (int c = 0; c < cols; c++) {
            y[to + c] = block[at + (c & 1) * L + (c >> 1)];
        }
    }
}
