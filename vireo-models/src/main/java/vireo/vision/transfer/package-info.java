/**
 * The transfer-learning workflow on top of a frozen backbone: exact feature caching
 * ({@link vireo.vision.transfer.FeatureCache}), head training with validation, early stopping and best-weights
 * restore ({@link vireo.vision.transfer.TransferTrainer}), and evaluation with top-k, per-class accuracy, the
 * confusion matrix, the mistakes and test-time augmentation ({@link vireo.vision.transfer.Evaluation},
 * {@link vireo.vision.transfer.Tta}). May import: {@code vireo.nn}, {@code vireo.optim}, {@code vireo.data},
 * {@code vireo.vision.datasets}, {@code vireo.vision.transforms}, {@code vireo.tensor}, {@code vireo.autograd}.
 */
package vireo.vision.transfer;
