package vireo.vision.transfer;

/**
 * One epoch of {@link TransferTrainer#fit}: mean training loss and accuracy over the epoch's batches (as the head
 * changed during it), validation loss and accuracy after it, and wall seconds (the cache's one-off cost counts in
 * the first epoch that uses it). Accuracy is NaN when targets are not class indices.
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validLoss, double validAccuracy,
        double seconds) {

    @Override
    public String toString() {
        return String.format("epoch %d: train loss %.4f acc %.4f | valid loss %.4f acc %.4f | %.1f s", epoch + 1,
                trainLoss, trainAccuracy, validLoss, validAccuracy, seconds);
    }
}
