/**
 * Ready-made networks with PyTorch's state-dict keys: the tutorials' seed models and torchvision's ResNet and
 * VGG families, plus transfer-learning helpers ({@link vireo.vision.models.Freezing},
 * {@link vireo.vision.models.ParameterCount}). May import: {@code vireo.nn}, {@code vireo.tensor}, {@code vireo.autograd}.
 */
package vireo.vision.models;
