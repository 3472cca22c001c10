package vireo.bench;

import java.util.Arrays;
import java.util.Random;
import vireo.backend.Backend;
import vireo.backend.Backends;
import vireo.backend.Conv2dShape;

/**
 * Forward and backward of one convolution with bias, like the peer's {@code conv(x).sum().backward()} with
 * {@code x.requires_grad}: forward, the sum, then the gradients of input, weight and bias for {@code gy = ones}.
 * Images per second over the batch, mean of {@code reps} repetitions after warm-up.
 *
 * <p>Shapes: see {@link Conv2dShape}.
 */
public record Conv2dWorkload(String name, Conv2dShape shape, int reps) implements Workload {

    /** The seed CNN's second convolution: input {@code [128, 32, 26, 26]}, weight {@code [64, 32, 3, 3]}, 5 reps. */
    public static Conv2dWorkload seed004() {
        return new Conv2dWorkload("conv2d_seed004", valid(128, 32, 26, 64, 3), 5);
    }

    /** Stride 1, no padding, square input and kernel. */
    static Conv2dShape valid(int n, int cIn, int hw, int cOut, int k) {
        return new Conv2dShape(n, cIn, hw, hw, cOut, k, k, 1, 1, 0, 0, 0, 0, 1, 1, 1);
    }

    @Override
    public Unit unit() {
        return Unit.IMAGES_PER_S;
    }

    @Override
    public double run() {
        Conv2dShape s = shape;
        var rnd = new Random(1);
        float[] x = Data.gaussian(rnd, s.n() * s.cIn() * s.h() * s.w());
        float[] w = Data.gaussian(rnd, s.cOut() * s.cInPerGroup() * s.kh() * s.kw());
        float[] bias = Data.gaussian(rnd, s.cOut());
        float[] y = new float[s.n() * s.cOut() * s.outH() * s.outW()];
        float[] gy = new float[y.length];
        Arrays.fill(gy, 1f);  // d(sum)/dy
        float[] gx = new float[x.length];
        float[] gw = new float[w.length];
        float[] gb = new float[bias.length];
        Backend be = Backends.current();
        double[] sink = new double[1];
        double sec = Timing.secondsPerStep(reps, () -> {
            be.conv2dForward(s, x, w, bias, y);
            sink[0] += sum(y);
            be.conv2dBackwardInput(s, gy, w, gx);
            be.conv2dBackwardWeight(s, x, gy, gw, gb);
        });
        if (!Double.isFinite(sink[0])) {
            throw new IllegalStateException(name + ": the forward output is not finite (sum " + sink[0] + ")");
        }
        return s.n() / sec;
    }

    private static double sum(float[] y) {
        double acc = 0;
        for (float v : y) {
            acc += v;
        }
        return acc;
    }
}
