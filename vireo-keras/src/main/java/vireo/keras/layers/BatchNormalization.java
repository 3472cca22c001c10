package vireo.keras.layers;

import java.util.Map;
import vireo.autograd.GradMode;
import vireo.nn.InputShapeException;
import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Keras's {@code BatchNormalization(momentum=0.99, epsilon=1e-3)} over the channel axis (Keras's last axis; the
 * channel dimension of the internal channels-first images).
 *
 * <p>In training it normalises with the batch mean and biased variance and updates
 * {@code moving = moving·momentum + batch·(1 − momentum)} with the <em>biased</em> variance (Keras 3's
 * {@code ops.moments}; PyTorch uses the unbiased one and the opposite momentum convention). In inference it uses the
 * moving statistics. As in Keras, a layer with {@code trainable(false)} always runs in inference mode, also inside
 * {@code fit}.
 *
 * <p>State: {@code weight} (γ, ones), {@code bias} (β, zeros), buffers {@code running_mean} (zeros) and
 * {@code running_var} (ones) — PyTorch's names for Keras's gamma, beta, moving_mean, moving_variance.
 */
public final class BatchNormalization extends Layer {

    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Tensor weight;
    private Tensor bias;
    private Tensor runningMean;
    private Tensor runningVar;

    private BatchNormalization() {
    }

    public static BatchNormalization of() {
        return new BatchNormalization();
    }

    public BatchNormalization momentum(double m) {
        if (!(m >= 0 && m <= 1)) {
            throw new IllegalArgumentException("BatchNormalization: momentum must be in [0, 1], received " + m);
        }
        momentum = m;
        return this;
    }

    public BatchNormalization epsilon(double e) {
        if (!(e > 0)) {
            throw new IllegalArgumentException("BatchNormalization: epsilon must be positive, received " + e);
        }
        epsilon = e;
        return this;
    }

    /** Whether to learn β (an offset); default true. */
    public BatchNormalization center(boolean value) {
        checkUnbuilt();
        center = value;
        return this;
    }

    /** Whether to learn γ (a scale); default true. */
    public BatchNormalization scale(boolean value) {
        checkUnbuilt();
        scale = value;
        return this;
    }

    private void checkUnbuilt() {
        if (isBuilt()) {
            throw new IllegalStateException(name() + " (BatchNormalization): options cannot change after build");
        }
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    @Override
    protected int[] buildFor(int[] in) {
        if (in.length != 1 && in.length != 3) {
            throw new InputShapeException(this, "expected (None, features) or (None, H, W, C), received "
                    + Shapes.keras(in));
        }
        int c = in[0];
        weight = registerParameter("weight", scale ? Tensor.ones(c) : null);
        bias = registerParameter("bias", center ? Tensor.zeros(c) : null);
        runningMean = registerBuffer("running_mean", Tensor.zeros(c));
        runningVar = registerBuffer("running_var", Tensor.ones(c));
        return in;
    }

    @Override
    public Tensor forward(Tensor x) {
        ensureBuilt(x);
        if ((x.dim() != 2 && x.dim() != 4) || x.size(1) != runningMean.size(0)) {
            throw new InputShapeException(this, "expected input [N, " + runningMean.size(0) + "] or [N, "
                    + runningMean.size(0) + ", H, W], received " + Shapes.str(x.shape()));
        }
        if (!isTraining() || !trainable()) {
            return F.batchNorm(x, runningMean, runningVar, weight, bias, false, 0, epsilon);
        }
        Tensor y = F.batchNorm(x, null, null, weight, bias, true, 0, epsilon);
        try (var g = GradMode.noGrad()) {
            int[] dims = x.dim() == 4 ? new int[]{0, 2, 3} : new int[]{0};
            Tensor mean = x.mean(dims, false);
            Tensor var = x.var(dims, false, false);
            float m = (float) momentum;
            runningMean.copy_(runningMean.mul(m).add(mean.mul(1f - m)));
            runningVar.copy_(runningVar.mul(m).add(var.mul(1f - m)));
        }
        return y;
    }

    @Override
    protected void addConfig(Map<String, Object> c) {
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
    }
}
