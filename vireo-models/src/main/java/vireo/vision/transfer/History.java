package vireo.vision.transfer;

import java.util.List;

/**
 * What {@link TransferTrainer#fit} did: the epochs it ran, the epoch with the lowest validation loss (whose head
 * weights are restored when {@code restoreBestWeights} is on), whether early stopping ended it, and whether the
 * training and validation sets ran on cached features.
 */
public record History(List<EpochStats> epochs, int bestEpoch, boolean stoppedEarly, boolean trainCached,
        boolean validCached, double cacheSeconds) {

    public History {
        epochs = List.copyOf(epochs);
    }

    /** The last epoch run. */
    public EpochStats last() {
        return epochs.get(epochs.size() - 1);
    }

    /** The epoch with the lowest validation loss. */
    public EpochStats best() {
        return epochs.get(bestEpoch);
    }
}
