/**
 * Ready-made networks with PyTorch's state-dict keys: the tutorials' seed models now, torchvision's ResNet and
 * VGG families later. May import: {@code vireo.nn}, {@code vireo.tensor}.
 */
package vireo.vision.models;
