package vireo.vision.models;

/**
 * What {@link Freezing#freeze} does to the batch norms of a frozen subtree. Freezing the parameters alone
 * (PyTorch's {@code requires_grad_(False)}) leaves batch norm normalising with batch statistics and updating its
 * running ones whenever the model is in training mode; transfer-learning recipes usually want the running
 * statistics of the pretrained net kept as they are.
 */
public enum BatchNormMode {

    /**
     * The frozen batch norms normalise with their running statistics and never update them, whatever mode the model
     * is in ({@code BatchNorm.freezeStatistics}). What torchvision's {@code FrozenBatchNorm2d} computes, without
     * changing the module type or the keys.
     */
    EVAL,

    /** The frozen batch norms keep following {@code train()} / {@code eval()}, as after PyTorch's {@code requires_grad_(False)}. */
    FOLLOW
}
