/**
 * Ready-made networks with PyTorch's state-dict keys: the tutorials' seed models and torchvision's ResNet and
 * VGG families, plus transfer-learning helpers ({@link vireo.vision.models.Freezing},
 * {@link vireo.vision.models.ParameterCount}), and the registry of torchvision's ImageNet weights
 * ({@link vireo.vision.models.Weights}: file, checksum, preprocessing, class names; downloaded only when asked) with
 * {@link vireo.vision.models.Predictions} to read a classifier's output. May import: {@code vireo.nn},
 * {@code vireo.tensor}, {@code vireo.autograd}; for the registry, {@code vireo.io} (reading checkpoints) and
 * {@code vireo.vision.datasets} / {@code vireo.vision.transforms} (the verified downloader, the preprocessing).
 */
package vireo.vision.models;
