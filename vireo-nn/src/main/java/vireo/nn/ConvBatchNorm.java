package vireo.nn;

import vireo.autograd.GradMode;
import vireo.tensor.Tensor;

/**
 * {@code bn(conv(x))}, a convolution followed by batch normalisation as ResNet's blocks chain them, with the
 * normalisation folded into the convolution where that gives the same function: when it uses running statistics
 * and nothing needs a gradient, batch norm is an affine map per output channel, {@code y * scale + shift} with
 * {@code scale = gamma / sqrt(var + eps)} and {@code shift = beta - mean * scale}; the convolution then runs once
 * with its weights times {@code scale} and {@code shift} (plus its own bias times {@code scale}) as bias. That saves
 * batch norm's pass over the output, which allocates and writes as much as the convolution does: 7 % of ResNet-50's
 * forward at batch 16. Results differ from the two steps by rounding only.
 *
 * <p>The two steps run as they are, through both modules' {@link Module#call}, in training (unless the
 * statistics are {@linkplain BatchNorm#freezeStatistics frozen}), without running statistics, when a gradient is
 * needed, when either module has a forward hook, and when the weights outnumber the outputs per channel (scaling
 * them would then cost more than the pass it saves: one image through ResNet-50's last stage).
 *
 * <p>Shapes: as {@link Conv2d#forward}, {@code [N, cIn, H, W] -> [N, cOut, outH, outW]}; {@code bn} normalises
 * {@code cOut} channels.
 */
public final class ConvBatchNorm {

    private ConvBatchNorm() {
    }

    /** {@code bn.call(conv.call(x))}, folded where that gives the same function (see the class comment). */
    public static Tensor apply(Conv2d conv, BatchNorm2d bn, Tensor x) {
        if (!foldable(conv, bn, x)) {
            return bn.call(conv.call(x));
        }
        Tensor w = conv.weight();
        int cOut = w.size(0);
        int perChannel = w.numel() / cOut;
        float[] weights = w.toFloatArray();
        float[] convBias = conv.bias() == null ? null : conv.bias().toFloatArray();
        float[] mean = bn.runningMean().toFloatArray();
        float[] var = bn.runningVar().toFloatArray();
        float[] gamma = bn.weight() == null ? null : bn.weight().toFloatArray();
        float[] beta = bn.bias() == null ? null : bn.bias().toFloatArray();
        float[] bias = new float[cOut];
        // The weights are scaled on every call: tensors keep no version counter that would tell when a cached copy
        // went stale. A plain loop: Tensor.mul broadcasting the scales took ~150 ms more a ResNet-50 forward
        // (batch 16), more than the pass the fold saves, and a loop over the compute pool measured no faster.
        for (int c = 0; c < cOut; c++) {
            // The scale and shift as the batch norm op computes them, so that only the folding itself rounds apart.
            float invStd = (float) (1.0 / Math.sqrt(var[c] + bn.eps()));
            float scale = gamma == null ? invStd : gamma[c] * invStd;
            float shift = (beta == null ? 0f : beta[c]) - mean[c] * scale;
            bias[c] = convBias == null ? shift : convBias[c] * scale + shift;
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++) {
                weights[i] *= scale;
            }
        }
        return conv.convolve(x, Tensor.wrap(weights, w.shape()), Tensor.wrap(bias, cOut));
    }

    /**
     * {@code pair.call(x)}, folded like {@link #apply(Conv2d, BatchNorm2d, Tensor)} when {@code pair} is a
     * convolution then a batch norm (ResNet's {@code downsample}) without a forward hook of its own.
     */
    public static Tensor apply(Sequential pair, Tensor x) {
        if (pair.size() == 2 && !pair.hasForwardHooks() && pair.get(0) instanceof Conv2d conv
                && pair.get(1) instanceof BatchNorm2d bn) {
            return apply(conv, bn, x);
        }
        return pair.call(x);
    }

    private static boolean foldable(Conv2d conv, BatchNorm2d bn, Tensor x) {
        boolean batchStatistics = bn.isTraining() && !bn.statisticsFrozen() || bn.runningMean() == null;
        if (batchStatistics || conv.hasForwardHooks() || bn.hasForwardHooks() || x.dim() != 4
                || bn.numFeatures() != conv.outChannels()) {
            return false;
        }
        if (GradMode.isEnabled() && (x.requiresGrad() || needsGrad(conv.weight()) || needsGrad(conv.bias())
                || needsGrad(bn.weight()) || needsGrad(bn.bias()))) {
            return false;
        }
        int[] stride = conv.stride();
        long outputsPerChannel = (long) x.size(0) * x.size(2) * x.size(3) / ((long) stride[0] * stride[1]);
        return outputsPerChannel >= conv.weight().numel() / conv.outChannels();
    }

    private static boolean needsGrad(Tensor t) {
        return t != null && t.requiresGrad();
    }
}
