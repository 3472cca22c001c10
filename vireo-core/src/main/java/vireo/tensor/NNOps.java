package vireo.tensor;

import vireo.autograd.GradMode;
import vireo.backend.Backends;
import vireo.backend.Conv2dShape;
import vireo.backend.Parallel;
import vireo.backend.Pool2dShape;

/**
 * The neural-network primitives the layers are built from — convolution, pooling, softmax, batch normalisation
 * and dropout — each with its derivative rule. {@code vireo.nn.functional.F} exposes them with PyTorch's names.
 */
public final class NNOps {

    private NNOps() {
    }

    // ------------------------------------------------------------ softmax

    /** Softmax (or log-softmax) along {@code dim}, stabilised by the running maximum. */
    static Tensor softmax(Tensor x, int dim, boolean log) {
        Linalg.requireFloat(log ? "logSoftmax" : "softmax", x);
        int d = Shape.wrapDim(log ? "logSoftmax" : "softmax", dim, x.dim());
        Tensor c = x.isContiguous() ? x : Views.copyDense(x);
        int size = c.dim() == 0 ? 1 : c.shape[d];
        int inner = 1;
        for (int i = d + 1; i < c.dim(); i++) {
            inner *= c.shape[i];
        }
        int outer = c.numel() / Math.max(1, size * inner);
        float[] in = c.f;
        int off = c.offset;
        float[] out = new float[c.numel()];
        final int in1 = inner;
        Parallel.forRange(outer, Math.max(1, 16384 / Math.max(1, size * inner)), o -> {
            for (int i = 0; i < in1; i++) {
                int base = o * size * in1 + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int s = 0; s < size; s++) {
                    max = Math.max(max, in[off + base + s * in1]);
                }
                if (max == Float.NEGATIVE_INFINITY) {
                    max = 0f;
                }
                double sum = 0;
                for (int s = 0; s < size; s++) {
                    sum += Math.exp(in[off + base + s * in1] - max);
                }
                if (log) {
                    float lse = (float) (max + Math.log(sum));
                    for (int s = 0; s < size; s++) {
                        out[base + s * in1] = in[off + base + s * in1] - lse;
                    }
                } else {
                    double inv = 1.0 / sum;
                    for (int s = 0; s < size; s++) {
                        out[base + s * in1] = (float) (Math.exp(in[off + base + s * in1] - max) * inv);
                    }
                }
            }
        });
        Tensor y = Tensor.wrap(out, x.shape.clone());
        return Tensor.record(log ? "log_softmax" : "softmax", y, new Tensor[]{x}, g -> {
            Tensor gc = g.contiguous();
            float[] gx = new float[out.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < in1; i++) {
                    int base = o * size * in1 + i;
                    double dot = 0;
                    for (int s = 0; s < size; s++) {
                        int k = base + s * in1;
                        dot += log ? gc.f[gc.offset + k] : gc.f[gc.offset + k] * out[k];
                    }
                    for (int s = 0; s < size; s++) {
                        int k = base + s * in1;
                        float gk = gc.f[gc.offset + k];
                        gx[k] = log ? (float) (gk - Math.exp(out[k]) * dot) : (float) (out[k] * (gk - dot));
                    }
                }
            }
            return new Tensor[]{Tensor.wrap(gx, y.shape.clone())};
        });
    }

    // ------------------------------------------------------------ cross-entropy

    /**
     * Cross-entropy of logits against class indices, {@code nll(logSoftmax(logits, 1), target)} in one pass: per row
     * the log-sum-exp, the picked logit, and in backward {@code softmax - onehot(target)} scaled by the incoming
     * gradient. It replaces the five recorded ops (log-softmax, gather, squeeze, mul, sum) of the composed form for
     * PyTorch's common case: no class weights, no label smoothing, a mean or a sum.
     *
     * <p>Rows whose target is {@code ignoreIndex} contribute nothing and do not count toward the mean (a mean over
     * no rows is NaN, as in PyTorch).
     *
     * <p>Shapes: logits {@code [N, C]} float32, target {@code [N]} int64, result a scalar {@code []}.
     *
     * @param mean the mean over the counted rows; otherwise their sum
     */
    public static Tensor crossEntropy(Tensor logits, Tensor target, long ignoreIndex, boolean mean) {
        String op = "crossEntropy";
        Linalg.requireFloat(op, logits);
        if (logits.dim() != 2) {
            throw new IllegalArgumentException(op + ": expected logits [N, C], received " + logits.describe());
        }
        int n = logits.shape[0];
        int c = logits.shape[1];
        if (target.dtype != DType.INT64 || target.dim() != 1 || target.shape[0] != n) {
            throw new IllegalArgumentException(op + ": for logits " + Shape.str(logits.shape)
                    + " expected int64 class indices of shape [" + n + "], received " + target.describe());
        }
        Tensor x = logits.isContiguous() ? logits : Views.copyDense(logits);
        long[] t = target.isDense() ? target.l : Views.copyDense(target).l;
        float[] xv = x.f;
        int xo = x.offset;
        float[] lse = new float[n];
        int counted = 0;
        double total = 0;
        for (int r = 0; r < n; r++) {
            long k = t[r];
            if (k == ignoreIndex) {
                continue;
            }
            if (k < 0 || k >= c) {
                throw new IllegalArgumentException(op + ": target " + k + " is out of bounds for " + c
                        + " classes (at index " + r + ")");
            }
            int row = xo + r * c;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) {
                max = Math.max(max, xv[row + j]);
            }
            if (max == Float.NEGATIVE_INFINITY) {
                max = 0f;
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                sum += Math.exp(xv[row + j] - max);
            }
            lse[r] = (float) (max + Math.log(sum));
            total += lse[r] - xv[row + (int) k];
            counted++;
        }
        float scale = mean ? 1f / counted : 1f;
        Tensor out = Tensor.scalar((float) (mean ? total / counted : total));
        final int kept = counted;
        return Tensor.record("cross_entropy", out, new Tensor[]{logits, null}, g -> {
            float gs = g.item() * scale;
            float[] gx = new float[n * c];
            if (kept > 0) {
                for (int r = 0; r < n; r++) {
                    long k = t[r];
                    if (k == ignoreIndex) {
                        continue;
                    }
                    int row = xo + r * c;
                    float l = lse[r];
                    for (int j = 0; j < c; j++) {
                        gx[r * c + j] = (float) Math.exp(xv[row + j] - l) * gs;
                    }
                    gx[r * c + (int) k] -= gs;
                }
            }
            return new Tensor[]{Tensor.wrap(gx, n, c), null};
        });
    }

    // ------------------------------------------------------------ convolution

    /**
     * 2-D convolution (cross-correlation), PyTorch's {@code F.conv2d}.
     *
     * <p>Shapes: input {@code [N, C_in, H, W]}, weight {@code [C_out, C_in/groups, kH, kW]}, bias {@code [C_out]} or
     * null, output {@code [N, C_out, H_out, W_out]}.
     *
     * @param stride   {@code {sH, sW}}
     * @param padding  {@code {top, left, bottom, right}} (asymmetric allowed, for TensorFlow's 'same')
     * @param dilation {@code {dH, dW}}
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        Linalg.requireFloat("conv2d", x, w);
        if (x.dim() != 4) {
            throw new IllegalArgumentException("conv2d: expected a 4-D input [N, C, H, W], received " + x.describe());
        }
        if (w.dim() != 4) {
            throw new IllegalArgumentException("conv2d: expected a 4-D weight [C_out, C_in/groups, kH, kW], received "
                    + w.describe());
        }
        if (x.shape[1] != w.shape[1] * groups) {
            throw new IllegalArgumentException("conv2d: expected input " + Shape.str(x.shape) + " to have "
                    + w.shape[1] * groups + " channels (weight " + Shape.str(w.shape) + ", groups " + groups
                    + "), but got " + x.shape[1] + " channels");
        }
        if (bias != null && (bias.dim() != 1 || bias.shape[0] != w.shape[0])) {
            throw new IllegalArgumentException("conv2d: expected bias of shape [" + w.shape[0] + "], received "
                    + bias.describe());
        }
        var s = new Conv2dShape(x.shape[0], x.shape[1], x.shape[2], x.shape[3], w.shape[0], w.shape[2], w.shape[3],
                stride[0], stride[1], padding[0], padding[1], padding[2], padding[3], dilation[0], dilation[1], groups);
        int oh = s.outH();
        int ow = s.outW();
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException("conv2d: input " + Shape.str(x.shape) + " (padded by "
                    + java.util.Arrays.toString(padding) + ") is smaller than the dilated kernel "
                    + ((w.shape[2] - 1) * dilation[0] + 1) + "x" + ((w.shape[3] - 1) * dilation[1] + 1));
        }
        float[] xd = dense(x);
        float[] wd = dense(w);
        float[] y = new float[s.n() * s.cOut() * oh * ow];
        Backends.current().conv2dForward(s, xd, wd, bias == null ? null : dense(bias), y);
        Tensor out = Tensor.wrap(y, s.n(), s.cOut(), oh, ow);
        return Tensor.record("convolution", out, new Tensor[]{x, w, bias}, g -> {
            float[] gy = dense(g);
            Tensor gx = null;
            Tensor gw = null;
            Tensor gb = null;
            if (x.requiresGrad()) {
                float[] d = new float[xd.length];
                Backends.current().conv2dBackwardInput(s, gy, wd, d);
                gx = Tensor.wrap(d, x.shape.clone());
            }
            if (w.requiresGrad() || (bias != null && bias.requiresGrad())) {
                float[] dw = new float[wd.length];
                float[] db = bias == null ? null : new float[s.cOut()];
                Backends.current().conv2dBackwardWeight(s, xd, gy, dw, db);
                gw = Tensor.wrap(dw, w.shape.clone());
                gb = db == null ? null : Tensor.wrap(db, s.cOut());
            }
            return new Tensor[]{gx, gw, gb};
        });
    }

    // ------------------------------------------------------------ pooling

    /**
     * Max pooling, PyTorch's {@code F.max_pool2d}. Shapes: {@code [N, C, H, W] -> [N, C, H_out, W_out]}.
     *
     * @param kernel {@code {kH, kW}}; stride, padding and dilation likewise
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        Pool2dShape s = poolShape("maxPool2d", x, kernel, stride, padding, dilation, ceilMode);
        float[] xd = dense(x);
        float[] y = new float[s.n() * s.c() * s.outH() * s.outW()];
        // The winners' indices only serve the backward pass: without one to come, they are not computed.
        int[] argmax = GradMode.isEnabled() && x.requiresGrad() ? new int[y.length] : null;
        Backends.current().maxPool2dForward(s, xd, y, argmax);
        Tensor out = Tensor.wrap(y, s.n(), s.c(), s.outH(), s.outW());
        if (argmax == null) {
            return out;
        }
        return Tensor.record("max_pool2d", out, new Tensor[]{x}, g -> {
            float[] gx = new float[xd.length];
            Backends.current().maxPool2dBackward(s, dense(g), argmax, gx);
            return new Tensor[]{Tensor.wrap(gx, x.shape.clone())};
        });
    }

    /** Average pooling, PyTorch's {@code F.avg_pool2d}. Shapes: {@code [N, C, H, W] -> [N, C, H_out, W_out]}. */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad) {
        Pool2dShape s = poolShape("avgPool2d", x, kernel, stride, padding, new int[]{1, 1}, ceilMode);
        float[] y = new float[s.n() * s.c() * s.outH() * s.outW()];
        Backends.current().avgPool2dForward(s, countIncludePad, dense(x), y);
        Tensor out = Tensor.wrap(y, s.n(), s.c(), s.outH(), s.outW());
        int[] inShape = x.shape;
        return Tensor.record("avg_pool2d", out, new Tensor[]{x}, g -> {
            float[] gx = new float[Shape.numel(inShape)];
            Backends.current().avgPool2dBackward(s, countIncludePad, dense(g), gx);
            return new Tensor[]{Tensor.wrap(gx, inShape.clone())};
        });
    }

    /**
     * Adaptive average pooling to {@code outH × outW}: window {@code [floor(i·in/out), ceil((i+1)·in/out))}.
     * Shapes: {@code [N, C, H, W] -> [N, C, outH, outW]}.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        Linalg.requireFloat("adaptiveAvgPool2d", x);
        if (x.dim() != 4) {
            throw new IllegalArgumentException("adaptiveAvgPool2d: expected a 4-D input [N, C, H, W], received " + x.describe());
        }
        int h = x.shape[2];
        int w = x.shape[3];
        if (h % outH == 0 && w % outW == 0) {
            int kh = h / outH;
            int kw = w / outW;
            return avgPool2d(x, new int[]{kh, kw}, new int[]{kh, kw}, new int[]{0, 0}, false, true);
        }
        int planes = x.shape[0] * x.shape[1];
        float[] xd = dense(x);
        float[] y = new float[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < outH; i++) {
                int h0 = Math.floorDiv(i * h, outH);
                int h1 = Math.ceilDiv((i + 1) * h, outH);
                for (int j = 0; j < outW; j++) {
                    int w0 = Math.floorDiv(j * w, outW);
                    int w1 = Math.ceilDiv((j + 1) * w, outW);
                    float sum = 0f;
                    for (int a = h0; a < h1; a++) {
                        for (int b = w0; b < w1; b++) {
                            sum += xd[(p * h + a) * w + b];
                        }
                    }
                    y[(p * outH + i) * outW + j] = sum / ((h1 - h0) * (w1 - w0));
                }
            }
        }
        Tensor out = Tensor.wrap(y, x.shape[0], x.shape[1], outH, outW);
        return Tensor.record("adaptive_avg_pool2d", out, new Tensor[]{x}, g -> {
            float[] gy = dense(g);
            float[] gx = new float[xd.length];
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < outH; i++) {
                    int h0 = Math.floorDiv(i * h, outH);
                    int h1 = Math.ceilDiv((i + 1) * h, outH);
                    for (int j = 0; j < outW; j++) {
                        int w0 = Math.floorDiv(j * w, outW);
                        int w1 = Math.ceilDiv((j + 1) * w, outW);
                        float share = gy[(p * outH + i) * outW + j] / ((h1 - h0) * (w1 - w0));
                        for (int a = h0; a < h1; a++) {
                            for (int b = w0; b < w1; b++) {
                                gx[(p * h + a) * w + b] += share;
                            }
                        }
                    }
                }
            }
            return new Tensor[]{Tensor.wrap(gx, x.shape.clone())};
        });
    }

    private static Pool2dShape poolShape(String op, Tensor x, int[] k, int[] s, int[] p, int[] d, boolean ceil) {
        Linalg.requireFloat(op, x);
        if (x.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected a 4-D input [N, C, H, W], received " + x.describe());
        }
        return new Pool2dShape(x.shape[0], x.shape[1], x.shape[2], x.shape[3], k[0], k[1], s[0], s[1], p[0], p[1],
                d[0], d[1], ceil);
    }

    // ------------------------------------------------------------ batch normalisation

    /**
     * Batch normalisation over the channel dimension 1, PyTorch's {@code F.batch_norm}. In training it normalises
     * with the batch mean and biased variance and updates the running statistics in place (unbiased variance);
     * in evaluation it uses the running statistics.
     *
     * <p>Shapes: input {@code [N, C]} or {@code [N, C, *]}; running stats, weight and bias {@code [C]} (weight and
     * bias may be null; running stats may be null in training, as with {@code track_running_stats=False}).
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return BatchNormOp.apply(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    // ------------------------------------------------------------ dropout

    /** Inverted dropout: zeroes each element with probability {@code p} and scales survivors by {@code 1/(1-p)}. */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator gen) {
        return dropoutWithMaskShape(x, p, training, gen, x.shape);
    }

    /**
     * Channel dropout ({@code Dropout2d}): zeroes whole channels. Shapes: {@code [N, C, *]}; the mask is
     * {@code [N, C, 1, ...]}.
     */
    public static Tensor featureDropout(Tensor x, double p, boolean training, Generator gen) {
        if (x.dim() < 2) {
            throw new IllegalArgumentException("dropout2d: expected an input with at least 2 dimensions, received " + x.describe());
        }
        int[] maskShape = new int[x.dim()];
        java.util.Arrays.fill(maskShape, 1);
        maskShape[0] = x.shape[0];
        maskShape[1] = x.shape[1];
        return dropoutWithMaskShape(x, p, training, gen, maskShape);
    }

    private static Tensor dropoutWithMaskShape(Tensor x, double p, boolean training, Generator gen, int[] maskShape) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("dropout: probability has to be between 0 and 1, but got " + p);
        }
        if (!training || p == 0) {
            return x;
        }
        float scale = p == 1 ? 0f : (float) (1.0 / (1.0 - p));
        float[] m = new float[Shape.numel(maskShape)];
        // Keeps an element when gen.nextDouble() >= p, i.e. when the draw's top 53 bits r satisfy
        // r * 2^-53 >= p, i.e. r >= ceil(p * 2^53) (exact: scaling by a power of two). Comparing integers without
        // a branch: with p = 0.5 a branch on the draw mispredicts every other element.
        long threshold = (long) Math.ceil(p * 0x1.0p53);
        for (int i = 0; i < m.length; i++) {
            long r = gen.nextLong() >>> 11;
            m[i] = ((threshold - 1 - r) >>> 63) * scale;
        }
        if (!java.util.Arrays.equals(maskShape, x.shape) || x.dtype != DType.FLOAT32) {
            return x.mul(Tensor.wrap(m, maskShape));
        }
        // Elementwise mask: one fused multiply, and a backward that reuses the mask, instead of a recorded mul.
        Tensor c = x.isContiguous() ? x : Views.copyDense(x);
        float[] xv = c.f;
        int xo = c.offset;
        float[] y = new float[m.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = xv[xo + i] * m[i];
        }
        Tensor out = Tensor.wrap(y, x.shape.clone());
        return Tensor.record("dropout", out, new Tensor[]{x}, g -> {
            Tensor gc = g.isContiguous() ? g : Views.copyDense(g);
            float[] gx = new float[m.length];
            for (int i = 0; i < gx.length; i++) {
                gx[i] = gc.f[gc.offset + i] * m[i];
            }
            return new Tensor[]{Tensor.wrap(gx, out.shape.clone())};
        });
    }

    /** A float array holding exactly {@code t}'s elements in row-major order (the storage itself when dense). */
    static float[] dense(Tensor t) {
        Tensor f = t.dtype == DType.FLOAT32 ? t : t.toFloat();
        return f.isDense() ? f.f : Views.copyDense(f).f;
    }
}
