/**
 * Learning-rate schedules with PyTorch 1.13's formulas, recursive forms included: {@link vireo.optim.lr.StepLR},
 * {@link vireo.optim.lr.MultiStepLR}, {@link vireo.optim.lr.ExponentialLR}, {@link vireo.optim.lr.CosineAnnealingLR},
 * {@link vireo.optim.lr.OneCycleLR} (with momentum cycling) and {@link vireo.optim.lr.ReduceLROnPlateau}.
 * They change {@code "lr"} (and momentum) in an {@link vireo.optim.Optimizer}'s groups; they depend on
 * {@code vireo.optim} only.
 */
package vireo.optim.lr;
