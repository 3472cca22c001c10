package vireo.nn.functional;

import vireo.tensor.Generator;
import vireo.tensor.NNOps;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

/**
 * Stateless neural-network functions with PyTorch's names and defaults, {@code torch.nn.functional}. Layers in
 * {@code vireo.nn} are thin stateful wrappers over these.
 *
 * <pre>{@code
 * Tensor h = F.relu(F.maxPool2d(F.conv2d(x, w, b), 2));
 * Tensor loss = F.crossEntropy(logits, labels);          // logits [N, C], labels int64 [N]
 * }</pre>
 */
public final class F {

    /** PyTorch's default {@code ignore_index}. */
    public static final long IGNORE_INDEX = -100;

    private F() {
    }

    // ------------------------------------------------------------ activations

    public static Tensor relu(Tensor x) {
        return x.relu();
    }

    /**
     * PyTorch's {@code F.relu(x, inplace)}. In place ({@link Tensor#relu_}) when autograd does not track {@code x};
     * when it does, Vireo, which keeps no version counters to make that safe for the backward pass, returns a new
     * tensor with the same values instead. Either way, use the returned tensor.
     */
    public static Tensor relu(Tensor x, boolean inplace) {
        return inplace && !x.isTracked() ? x.relu_() : x.relu();
    }

    public static Tensor sigmoid(Tensor x) {
        return x.sigmoid();
    }

    public static Tensor tanh(Tensor x) {
        return x.tanh();
    }

    /** The exact (erf) GELU, PyTorch's default. */
    public static Tensor gelu(Tensor x) {
        return x.gelu();
    }

    /** GELU with {@code approximate = "none"} (exact) or {@code "tanh"} (the tanh approximation). */
    public static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate) {
            case "none" -> x.gelu();
            case "tanh" -> {
                // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
                Tensor inner = x.add(x.mul(x).mul(x).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
                yield x.mul(0.5f).mul(inner.tanh().add(1f));
            }
            default -> throw new IllegalArgumentException("gelu: approximate must be 'none' or 'tanh', received '"
                    + approximate + "'");
        };
    }

    public static Tensor softmax(Tensor x, int dim) {
        return x.softmax(dim);
    }

    public static Tensor logSoftmax(Tensor x, int dim) {
        return x.logSoftmax(dim);
    }

    // ------------------------------------------------------------ linear and convolution

    /**
     * {@code x · weightᵀ + bias}. Shapes: x {@code [*, in]}, weight {@code [out, in]}, bias {@code [out]} or null,
     * result {@code [*, out]}.
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        if (weight.dim() != 2) {
            throw new IllegalArgumentException("linear: expected a 2-D weight [out, in], received " + weight.describe());
        }
        if (x.dim() == 0 || x.size(-1) != weight.size(1)) {
            throw new IllegalArgumentException("linear: expected input [*, " + weight.size(1) + "], received "
                    + x.describe());
        }
        Tensor y = x.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    /** Convolution with stride 1 and no padding. Shapes: see {@link #conv2d(Tensor, Tensor, Tensor, int[], int[], int[], int)}. */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
        return conv2d(x, weight, bias, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, 1);
    }

    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
        return conv2d(x, weight, bias, new int[]{stride, stride}, new int[]{padding, padding}, new int[]{1, 1}, 1);
    }

    /**
     * 2-D convolution, {@code F.conv2d}. Shapes: x {@code [N, C_in, H, W]} (or unbatched {@code [C_in, H, W]}),
     * weight {@code [C_out, C_in/groups, kH, kW]}, bias {@code [C_out]} or null.
     *
     * @param padding {@code {pH, pW}} applied on both sides
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        int[] p = padding.length == 4 ? padding : new int[]{padding[0], padding[1], padding[0], padding[1]};
        if (x.dim() == 3) {
            return NNOps.conv2d(x.unsqueeze(0), weight, bias, stride, p, dilation, groups).squeeze(0);
        }
        return NNOps.conv2d(x, weight, bias, stride, p, dilation, groups);
    }

    /** Convolution with PyTorch's string padding: {@code "valid"} (none) or {@code "same"} (stride 1 only). */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        if (weight.dim() != 4) {
            throw new IllegalArgumentException("conv2d: expected a 4-D weight [C_out, C_in/groups, kH, kW], received "
                    + weight.describe());
        }
        return conv2d(x, weight, bias, stride, stringPadding(padding, weight.size(2), weight.size(3), stride, dilation),
                dilation, groups);
    }

    /**
     * {@code {top, left, bottom, right}} for {@code "valid"} or {@code "same"}; for 'same' the odd pixel of an
     * even kernel's padding goes to the bottom/right, as in PyTorch.
     */
    public static int[] stringPadding(String padding, int kh, int kw, int[] stride, int[] dilation) {
        return switch (padding) {
            case "valid" -> new int[]{0, 0, 0, 0};
            case "same" -> {
                if (stride[0] != 1 || stride[1] != 1) {
                    throw new IllegalArgumentException("conv2d: padding='same' is not supported for strided "
                            + "convolutions, received stride " + java.util.Arrays.toString(stride));
                }
                int th = dilation[0] * (kh - 1);
                int tw = dilation[1] * (kw - 1);
                yield new int[]{th / 2, tw / 2, th - th / 2, tw - tw / 2};
            }
            default -> throw new IllegalArgumentException("conv2d: invalid padding string '" + padding
                    + "', should be one of 'valid', 'same'");
        };
    }

    // ------------------------------------------------------------ pooling

    /** Max pooling with stride = kernel. Shapes: {@code [N, C, H, W] -> [N, C, H/k, W/k]}. */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, kernel, kernel);
    }

    public static Tensor maxPool2d(Tensor x, int kernel, int stride) {
        return maxPool2d(x, new int[]{kernel, kernel}, new int[]{stride, stride}, new int[]{0, 0}, new int[]{1, 1}, false);
    }

    /** Max pooling, {@code F.max_pool2d}; padding counts as −∞. Shapes: {@code [N, C, H, W]} or {@code [C, H, W]}. */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        if (x.dim() == 3) {
            return NNOps.maxPool2d(x.unsqueeze(0), kernel, stride, padding, dilation, ceilMode).squeeze(0);
        }
        return NNOps.maxPool2d(x, kernel, stride, padding, dilation, ceilMode);
    }

    public static Tensor avgPool2d(Tensor x, int kernel) {
        return avgPool2d(x, new int[]{kernel, kernel}, new int[]{kernel, kernel}, new int[]{0, 0}, false, true);
    }

    /** Average pooling, {@code F.avg_pool2d}. Shapes: {@code [N, C, H, W]} or {@code [C, H, W]}. */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad) {
        if (x.dim() == 3) {
            return NNOps.avgPool2d(x.unsqueeze(0), kernel, stride, padding, ceilMode, countIncludePad).squeeze(0);
        }
        return NNOps.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
    }

    public static Tensor adaptiveAvgPool2d(Tensor x, int size) {
        return adaptiveAvgPool2d(x, size, size);
    }

    /** Adaptive average pooling to {@code outH × outW}. Shapes: {@code [N, C, H, W] -> [N, C, outH, outW]}. */
    public static Tensor adaptiveAvgPool2d(Tensor x, int outH, int outW) {
        if (x.dim() == 3) {
            return NNOps.adaptiveAvgPool2d(x.unsqueeze(0), outH, outW).squeeze(0);
        }
        return NNOps.adaptiveAvgPool2d(x, outH, outW);
    }

    // ------------------------------------------------------------ normalisation and dropout

    /**
     * Batch normalisation, {@code F.batch_norm}: batch statistics in training (updating the running ones in place
     * with {@code momentum}), running statistics otherwise. Shapes: x {@code [N, C, *]}; the rest {@code [C]} or null.
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        return NNOps.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
    }

    /** Inverted dropout from the default generator: in training, zero with probability p and scale by 1/(1−p). */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        return NNOps.dropout(x, p, training, Vireo.defaultGenerator());
    }

    public static Tensor dropout(Tensor x, double p, boolean training, Generator generator) {
        return NNOps.dropout(x, p, training, generator);
    }

    /**
     * Channel dropout: zeroes whole channels of {@code [N, C, H, W]}; a 3-D input is read as {@code [N, C, L]}
     * (1-D channel dropout), as PyTorch does.
     */
    public static Tensor dropout2d(Tensor x, double p, boolean training) {
        return NNOps.featureDropout(x, p, training, Vireo.defaultGenerator());
    }

    // ------------------------------------------------------------ shapes and encodings

    public static Tensor flatten(Tensor x, int startDim, int endDim) {
        return x.flatten(startDim, endDim);
    }

    /** int64 class indices to one-hot int64 with a new last dimension; {@code numClasses = -1} infers max + 1. */
    public static Tensor oneHot(Tensor labels, int numClasses) {
        return labels.oneHot(numClasses);
    }

    // ------------------------------------------------------------ losses

    /** Mean cross entropy of logits against int64 class indices (or float class probabilities). */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, IGNORE_INDEX, Reduction.MEAN, 0.0);
    }

    /**
     * Cross entropy of logits, {@code F.cross_entropy}: log-softmax over dimension 1 followed by NLL.
     *
     * <p>Shapes: input {@code [N, C]}, {@code [N, C, d1, ...]} or {@code [C]}; target int64 class indices of the
     * input's shape without dimension 1, or float32 class probabilities of the input's shape; weight {@code [C]}
     * or null. With indices, {@code MEAN} divides by the total weight of the non-ignored targets; with
     * probabilities, by the number of samples. Label smoothing mixes the target with the uniform distribution.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex,
                                      Reduction reduction, double labelSmoothing) {
        return Losses.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing);
    }

    /** Mean negative log-likelihood of log-probabilities against int64 class indices. */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, IGNORE_INDEX, Reduction.MEAN);
    }

    /**
     * {@code F.nll_loss}: {@code l = -w[y]·input[y]}; {@code MEAN} divides by the total weight of non-ignored
     * targets. Shapes: as {@link #crossEntropy(Tensor, Tensor, Tensor, long, Reduction, double)} with indices.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        return Losses.nllLoss(input, target, weight, ignoreIndex, reduction);
    }

    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /** Squared error. Shapes: input and target equal (no silent broadcasting). */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        return Losses.mseLoss(input, target, reduction);
    }

    public static Tensor bceLoss(Tensor input, Tensor target) {
        return bceLoss(input, target, null, Reduction.MEAN);
    }

    /**
     * Binary cross entropy of probabilities in [0, 1], each log clamped at −100 as in PyTorch. Shapes: input and
     * target equal; weight broadcastable to them or null.
     */
    public static Tensor bceLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        return Losses.bceLoss(input, target, weight, reduction);
    }

    public static Tensor bceWithLogitsLoss(Tensor input, Tensor target) {
        return bceWithLogitsLoss(input, target, null, null, Reduction.MEAN);
    }

    /**
     * Sigmoid plus binary cross entropy in one numerically stable expression:
     * {@code l = -w·[p·y·log σ(x) + (1−y)·log(1−σ(x))]}. Shapes: input and target equal; weight broadcastable;
     * posWeight broadcastable along the last (class) dimension, e.g. {@code [C]}.
     */
    public static Tensor bceWithLogitsLoss(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                           Reduction reduction) {
        return Losses.bceWithLogitsLoss(input, target, weight, posWeight, reduction);
    }
}
