package vireo.backend.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import vireo.backend.Pool2dShape;

/**
 * 2x2, stride-2 max pooling of planes the windows tile exactly ({@code h = 2*outH}, {@code w = 2*outW}), with vector
 * compares and blends instead of the scalar scan's data-dependent branches, which on real activations mispredict
 * about every other window.
 *
 * <p>The scan's rule (see {@link PoolPlane#max}): a cell replaces the best so far when it is greater or NaN, in the
 * order top-left, top-right, bottom-left, bottom-right. That rule is associative in the way needed here: folding the
 * top pair, folding the bottom pair, then letting the bottom result replace the top one by the same rule gives the
 * scan's winner (the last NaN when there is one, else the first maximum). So, per plane:
 * <ol>
 *   <li>every horizontal pair of cells is folded, as one flat run over the plane (the pairs never straddle rows
 *       because {@code w} is even), into the pair's winner and whether it was the right cell;</li>
 *   <li>for each output row the top and bottom rows of pair winners are folded, a vector of windows at a time (the
 *       last one masked), and the winner's flat index in the plane is formed from the two flags.</li>
 * </ol>
 * Without {@code argmax} (no gradient needed) the flags and indices are skipped.
 *
 * <p>Shapes: a plane of {@code x} is {@code [h, w]} at {@code xOff}; of {@code y} and {@code argmax}
 * {@code [outH, outW]} at {@code yOff}. The scratch arrays hold at least {@code h*outW} floats.
 */
final class MaxPool2x2 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Argmax indices, as many lanes as {@link #S}. Rows of windows are short (12 or 4 in the seed models) and end in
     * a masked vector. Only the preferred shape is used: a second one (128-bit vectors here once) makes the Vector
     * API's shared methods see two vector classes in their profiles, and a C2 compile that trusts such a profile
     * can lose an intrinsic for good (see the README, Speed).
     */
    private static final VectorSpecies<Integer> SI = IntVector.SPECIES_PREFERRED;

    /** Lanes 0, 2, 4, ... and 1, 3, 5, ... of two vectors side by side (indices past L name the second vector). */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromOp(S, i -> 2 * i);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromOp(S, i -> 2 * i + 1);
    /** Top-left cells of neighbouring windows lie two columns apart: 0, 2, 4, ... */
    private static final FloatVector STEPS = FloatVector.zero(S).addIndex(2);

    private MaxPool2x2() {
    }

    /** True for the geometries {@link #plane} handles. */
    static boolean supports(Pool2dShape s) {
        return PoolPlane.isPlain2x2(s) && s.h() == 2 * s.outH() && s.w() == 2 * s.outW();
    }

    /**
     * Pools one plane. {@code argmax} may be null (nothing recorded); {@code pairs} and {@code flags} are scratch of at
     * least {@code h*outW} floats ({@code flags} unused without {@code argmax}).
     */
    static void plane(int h, int w, float[] x, int xOff, float[] y, int[] argmax, int yOff, float[] pairs,
                      float[] flags) {
        int outW = w / 2;
        int outH = h / 2;
        foldPairs(x, xOff, h * outW, pairs, argmax == null ? null : flags);
        for (int oh = 0; oh < outH; oh++) {
            int top = 2 * oh * outW;
            int bottom = top + outW;
            int o = yOff + oh * outW;
            for (int ow = 0; ow < outW; ow += L) {
                VectorMask<Float> in = S.indexInRange(ow, outW);
                FloatVector t = FloatVector.fromArray(S, pairs, top + ow, in);
                FloatVector b = FloatVector.fromArray(S, pairs, bottom + ow, in);
                VectorMask<Float> take = b.compare(VectorOperators.GT, t).or(b.compare(VectorOperators.NE, b));
                t.blend(b, take).intoArray(y, o + ow, in);
                if (argmax != null) {
                    // index = top-left + (bottom won ? w + its flag : the top flag); exact in float below 2^24
                    FloatVector tf = FloatVector.fromArray(S, flags, top + ow, in);
                    FloatVector bf = FloatVector.fromArray(S, flags, bottom + ow, in).add((float) w);
                    FloatVector index = STEPS.add((float) (2 * oh * w + 2 * ow)).add(tf.blend(bf, take));
                    IntVector cells = (IntVector) index.convertShape(VectorOperators.F2I, SI, 0);
                    cells.intoArray(argmax, o + ow, in.cast(SI));
                }
            }
        }
    }

    /** {@code pairs[j]} = the winner of cells {@code 2j, 2j+1}; {@code flags[j]} = 1 when it is the right one. */
    private static void foldPairs(float[] x, int xOff, int n, float[] pairs, float[] flags) {
        FloatVector zero = FloatVector.zero(S);
        FloatVector one = FloatVector.broadcast(S, 1f);
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += L) {
            FloatVector v0 = FloatVector.fromArray(S, x, xOff + 2 * j);
            FloatVector v1 = FloatVector.fromArray(S, x, xOff + 2 * j + L);
            FloatVector left = v0.rearrange(EVEN, v1);
            FloatVector right = v0.rearrange(ODD, v1);
            VectorMask<Float> take = right.compare(VectorOperators.GT, left).or(right.compare(VectorOperators.NE, right));
            left.blend(right, take).intoArray(pairs, j);
            if (flags != null) {
                zero.blend(one, take).intoArray(flags, j);
            }
        }
        for (; j < n; j++) {
            float l = x[xOff + 2 * j];
            float r = x[xOff + 2 * j + 1];
            boolean take = r > l || Float.isNaN(r);
            pairs[j] = take ? r : l;
            if (flags != null) {
                flags[j] = take ? 1f : 0f;
            }
        }
    }
}
