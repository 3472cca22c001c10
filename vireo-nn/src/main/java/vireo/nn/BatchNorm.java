package vireo.nn;

import vireo.nn.functional.F;
import vireo.tensor.Tensor;

/**
 * Shared body of {@link BatchNorm1d} and {@link BatchNorm2d}, PyTorch's {@code _BatchNorm}.
 *
 * <p>Training mode normalises with the batch mean and biased variance and updates {@code running_mean} /
 * {@code running_var} (unbiased) by {@code momentum}, or by a cumulative average {@code 1/num_batches_tracked}
 * when momentum is null. Evaluation mode uses the running statistics. Freezing the parameters with
 * {@code requiresGrad(false)} does not change the mode; only {@code eval()} does.
 *
 * <p>State: {@code weight} (γ, ones) and {@code bias} (β, zeros) when affine; buffers {@code running_mean},
 * {@code running_var} and {@code num_batches_tracked} (int64, 0-d) when tracking running statistics.
 */
public abstract class BatchNorm extends Module {

    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    protected BatchNorm(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": numFeatures must be positive, received "
                    + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        weight = registerParameter("weight", affine ? Tensor.ones(numFeatures) : null);
        bias = registerParameter("bias", affine ? Tensor.zeros(numFeatures) : null);
        runningMean = registerBuffer("running_mean", trackRunningStats ? Tensor.zeros(numFeatures) : null);
        runningVar = registerBuffer("running_var", trackRunningStats ? Tensor.ones(numFeatures) : null);
        numBatchesTracked = registerBuffer("num_batches_tracked", trackRunningStats ? Tensor.scalarLong(0) : null);
    }

    private boolean statisticsFrozen;

    /** Checks the rank and channel count; throws {@link InputShapeException} naming the expected layout. */
    protected abstract void checkInput(Tensor x);

    /**
     * Pins this layer to its running statistics even while the model trains — the frozen batch norm of transfer
     * learning (torchvision's {@code FrozenBatchNorm2d}, Keras's {@code trainable = False}). {@code train()} does not
     * undo it; {@code freezeStatistics(false)} does. Needs running statistics.
     */
    public final BatchNorm freezeStatistics(boolean frozen) {
        if (frozen && !trackRunningStats) {
            throw new IllegalStateException(typeName() + ": cannot freeze statistics without running statistics "
                    + "(track_running_stats=False)");
        }
        statisticsFrozen = frozen;
        return this;
    }

    /** True after {@code freezeStatistics(true)}: the layer normalises with its running statistics in any mode. */
    public final boolean statisticsFrozen() {
        return statisticsFrozen;
    }

    @Override
    public Tensor forward(Tensor x) {
        checkInput(x);
        boolean training = isTraining() && !statisticsFrozen;
        double factor = momentum == null ? 0.0 : momentum;
        if (training && trackRunningStats) {
            long n = ++numBatchesTracked.longs()[0];
            if (momentum == null) {
                factor = 1.0 / n;
            }
        }
        // Batch statistics in training, or whenever there are no running ones to use.
        boolean useBatchStats = training || runningMean == null;
        boolean passRunning = !training || trackRunningStats;
        return F.batchNorm(x, passRunning ? runningMean : null, passRunning ? runningVar : null, weight, bias,
                useBatchStats, factor, eps);
    }

    /** Running mean to 0, running variance to 1, batch count to 0. */
    public void resetRunningStats() {
        if (trackRunningStats) {
            runningMean.zero_();
            runningVar.fill_(1f);
            numBatchesTracked.zero_();
        }
    }

    /** Resets the running statistics and sets γ = 1, β = 0. */
    public void resetParameters() {
        resetRunningStats();
        if (affine) {
            weight.fill_(1f);
            bias.zero_();
        }
    }

    public int numFeatures() {
        return numFeatures;
    }

    public double eps() {
        return eps;
    }

    /** The momentum, or null for a cumulative moving average. */
    public Double momentum() {
        return momentum;
    }

    public Tensor weight() {
        return weight;
    }

    public Tensor bias() {
        return bias;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    public Tensor numBatchesTracked() {
        return numBatchesTracked;
    }

    @Override
    protected boolean isOptionalStateKey(String localName) {
        return localName.equals("num_batches_tracked");
    }

    @Override
    public String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.floating(eps) + ", momentum=" + PyRepr.floatOrNone(momentum)
                + ", affine=" + PyRepr.bool(affine) + ", track_running_stats=" + PyRepr.bool(trackRunningStats);
    }
}
