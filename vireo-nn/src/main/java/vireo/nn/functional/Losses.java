package vireo.nn.functional;

import java.util.Arrays;
import java.util.List;
import vireo.tensor.DType;
import vireo.tensor.NNOps;
import vireo.tensor.Tensor;

/**
 * The loss functions behind {@link F}, composed from differentiable tensor ops with PyTorch's formulas
 * (aten {@code LossNLL.cpp}, {@code Loss.cpp}): the class dimension is 1, inputs are {@code [N, C]},
 * {@code [N, C, d1, ...]} or unbatched {@code [C]}.
 */
final class Losses {

    private Losses() {
    }

    // ------------------------------------------------------------ cross entropy and NLL

    static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction,
                               double labelSmoothing) {
        String op = "crossEntropy";
        requireFloat(op, input);
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException(op + ": labelSmoothing must be between 0.0 and 1.0, received "
                    + labelSmoothing);
        }
        if (input.dim() == 1) {
            // Unbatched [C]: a batch of one, with the batch dimension removed again from per-element results.
            Tensor out = crossEntropy(input.unsqueeze(0), target.unsqueeze(0), weight, ignoreIndex, reduction,
                    labelSmoothing);
            return reduction == Reduction.NONE ? out.squeeze(0) : out;
        }
        requireClassInput(op, input);
        int c = input.size(1);
        checkWeight(op, weight, c);
        if (input.dim() == 2 && weight == null && labelSmoothing == 0 && reduction != Reduction.NONE
                && target.dtype() == DType.INT64 && target.dim() == 1 && target.size(0) == input.size(0)) {
            // The common case (logits [N, C], class indices, no weights or smoothing): one fused op instead of
            // log-softmax, gather and the reduction, each with its own backward.
            return NNOps.crossEntropy(input, target, ignoreIndex, reduction == Reduction.MEAN);
        }
        Tensor logp = input.logSoftmax(1);
        if (target.dtype() == DType.FLOAT32 && Arrays.equals(target.shape(), input.shape())) {
            return probabilityTarget(logp, target, weight, reduction, labelSmoothing, c);
        }
        if (target.dtype() != DType.INT64 || !Arrays.equals(target.shape(), withoutClassDim(input.shape()))) {
            throw new IllegalArgumentException(op + ": for input " + Arrays.toString(input.shape())
                    + " expected int64 class indices of shape " + Arrays.toString(withoutClassDim(input.shape()))
                    + " or float32 class probabilities of shape " + Arrays.toString(input.shape()) + ", received "
                    + target.describe());
        }
        Picked p = pick(op, logp, target, weight, ignoreIndex);
        Tensor nll = reduce(p.losses, reduction, p.weightSum);
        if (labelSmoothing == 0) {
            return nll;
        }
        // PyTorch's cross_entropy_loss_label_smoothing: the uniform part uses every class, weighted per class.
        Tensor smooth = (weight == null ? logp : logp.mul(classView(weight, logp.dim()))).sum(1).neg().mul(p.keep);
        Tensor uniform = reduce(smooth, reduction, p.weightSum);
        return nll.mul((float) (1 - labelSmoothing)).add(uniform.mul((float) (labelSmoothing / c)));
    }

    private static Tensor probabilityTarget(Tensor logp, Tensor target, Tensor weight, Reduction reduction,
                                            double labelSmoothing, int c) {
        Tensor t = labelSmoothing > 0 ? target.mul((float) (1 - labelSmoothing)).add((float) (labelSmoothing / c))
                : target;
        Tensor prod = logp.mul(t);
        if (weight != null) {
            prod = prod.mul(classView(weight, logp.dim()));
        }
        return switch (reduction) {
            case NONE -> prod.sum(1).neg();
            case SUM -> prod.sum().neg();
            // Divides by the number of samples (N·d1·...), whatever the weights: PyTorch's rule for soft targets.
            case MEAN -> prod.sum().neg().div((float) (logp.numel() / c));
        };
    }

    static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        String op = "nllLoss";
        requireFloat(op, input);
        if (input.dim() == 1) {
            Tensor out = nllLoss(input.unsqueeze(0), target.unsqueeze(0), weight, ignoreIndex, reduction);
            return reduction == Reduction.NONE ? out.squeeze(0) : out;
        }
        requireClassInput(op, input);
        checkWeight(op, weight, input.size(1));
        if (target.dtype() != DType.INT64 || !Arrays.equals(target.shape(), withoutClassDim(input.shape()))) {
            throw new IllegalArgumentException(op + ": for input " + Arrays.toString(input.shape())
                    + " expected int64 class indices of shape " + Arrays.toString(withoutClassDim(input.shape()))
                    + ", received " + target.describe());
        }
        Picked p = pick(op, input, target, weight, ignoreIndex);
        return reduce(p.losses, reduction, p.weightSum);
    }

    /** Per-element {@code -w[y] * logp[y]} (0 where ignored), the kept mask, and the total kept weight. */
    private record Picked(Tensor losses, Tensor keep, double weightSum) {
    }

    private static Picked pick(String op, Tensor logp, Tensor target, Tensor weight, long ignoreIndex) {
        int c = logp.size(1);
        long[] t = target.toLongArray();
        long[] safe = new long[t.length];
        float[] w = new float[t.length];
        float[] keep = new float[t.length];
        float[] cw = weight == null ? null : weight.contiguous().toFloatArray();
        double total = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) {
                continue;
            }
            if (t[i] < 0 || t[i] >= c) {
                throw new IllegalArgumentException(op + ": target " + t[i] + " is out of bounds for " + c
                        + " classes (at index " + position(i, target.shape()) + ")");
            }
            safe[i] = t[i];
            keep[i] = 1f;
            w[i] = cw == null ? 1f : cw[(int) t[i]];
            total += w[i];
        }
        int[] shape = target.shape();
        Tensor picked = logp.gather(1, Tensor.fromArray(safe, shape).unsqueeze(1)).squeeze(1);
        Tensor losses = picked.mul(Tensor.fromArray(w, shape)).neg();
        return new Picked(losses, Tensor.fromArray(keep, shape), total);
    }

    /** A flat position as {@code 3}, or as {@code [0, 2, 1]} for multi-dimensional targets. */
    private static String position(int flat, int[] shape) {
        if (shape.length <= 1) {
            return Integer.toString(flat);
        }
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return Arrays.toString(idx);
    }

    // ------------------------------------------------------------ regression and binary

    static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        requireFloat("mseLoss", input);
        requireSameShape("mseLoss", input, target);
        Tensor d = input.sub(target);
        return reduce(d.mul(d), reduction, input.numel());
    }

    static Tensor bceLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        String op = "bceLoss";
        requireFloat(op, input);
        requireSameShape(op, input, target);
        for (float v : input.toFloatArray()) {
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(op + ": all elements of input should be between 0 and 1 "
                        + "(probabilities; use bceWithLogitsLoss for raw scores), received " + v);
            }
        }
        // PyTorch clamps each log at -100 so that a saturated probability gives a finite loss. Clamping the input
        // to the smallest float first keeps log and its gradient finite where the input is exactly 0.
        Tensor logX = clampedLog(input);
        Tensor log1mX = clampedLog(input.rsub(1f));
        Tensor loss = target.mul(logX).add(target.rsub(1f).mul(log1mX)).neg();
        if (weight != null) {
            loss = loss.mul(weight);
        }
        return reduce(loss, reduction, input.numel());
    }

    private static Tensor clampedLog(Tensor x) {
        return x.clamp(Float.MIN_VALUE, Float.POSITIVE_INFINITY).log().clamp(-100f, Float.POSITIVE_INFINITY);
    }

    static Tensor bceWithLogitsLoss(Tensor input, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
        String op = "bceWithLogitsLoss";
        requireFloat(op, input);
        requireSameShape(op, input, target);
        // log σ(x) and log(1 − σ(x)) = log σ(−x) as a two-way log-softmax over (0, x): stable for any x and smooth
        // at 0, unlike max/abs formulations whose kinks give a wrong gradient there.
        Tensor pair = Tensor.stack(List.of(Tensor.zerosLike(input), input), -1).logSoftmax(-1);
        Tensor logSig = pair.select(-1, 1);
        Tensor logOneMinusSig = pair.select(-1, 0);
        Tensor pos = posWeight == null ? target : target.mul(posWeight);
        Tensor loss = pos.mul(logSig).add(target.rsub(1f).mul(logOneMinusSig)).neg();
        if (weight != null) {
            loss = loss.mul(weight);
        }
        return reduce(loss, reduction, input.numel());
    }

    // ------------------------------------------------------------ helpers

    private static Tensor reduce(Tensor losses, Reduction reduction, double meanDivisor) {
        return switch (reduction) {
            case NONE -> losses;
            case SUM -> losses.sum();
            case MEAN -> losses.sum().div((float) meanDivisor);
        };
    }

    /** The weight reshaped to {@code [1, C, 1, ...]} to broadcast along the class dimension. */
    private static Tensor classView(Tensor weight, int rank) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        shape[1] = weight.numel();
        return weight.reshape(shape);
    }

    private static int[] withoutClassDim(int[] shape) {
        int[] out = new int[shape.length - 1];
        out[0] = shape[0];
        System.arraycopy(shape, 2, out, 1, shape.length - 2);
        return out;
    }

    private static void requireFloat(String op, Tensor input) {
        if (input.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 input, received " + input.describe());
        }
    }

    private static void requireClassInput(String op, Tensor input) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException(op + ": expected input [C], [N, C] or [N, C, d1, ...], received "
                    + input.describe());
        }
    }

    private static void checkWeight(String op, Tensor weight, int c) {
        if (weight != null && (weight.dim() != 1 || weight.size(0) != c)) {
            throw new IllegalArgumentException(op + ": expected a class weight of shape [" + c + "], received "
                    + weight.describe());
        }
    }

    private static void requireSameShape(String op, Tensor input, Tensor target) {
        if (target.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 target, received " + target.describe()
                    + " (convert with toFloat())");
        }
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": expected target of the input's shape "
                    + Arrays.toString(input.shape()) + ", received " + target.describe()
                    + " (PyTorch would broadcast with a warning; that is almost always a bug)");
        }
    }
}
