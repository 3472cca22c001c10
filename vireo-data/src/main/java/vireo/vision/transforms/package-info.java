/**
 * Preprocessing and augmentation with torchvision's names and semantics ({@code Resize}, {@code CenterCrop},
 * {@code RandomResizedCrop}, {@code RandomRotation}, {@code RandomAffine}, {@code ColorJitter}, flips,
 * {@code ToTensor}, {@code Normalize}, {@code Compose}) plus Keras's {@code preprocess_input} modes and its
 * {@code nearest} fill mode.
 *
 * <p>Why it exists: pretrained weights only work with the preprocessing they were trained with, so the
 * deterministic transforms reproduce torchvision's PIL path pixel for pixel (PIL's antialiased resampling, its
 * nearest-neighbour warp, its {@code ImageEnhance} blends); the golden fixtures in the tests hold them to it.
 * Random transforms draw from the generator they are handed (the loader's per-sample generator), so a seed fixes
 * the augmented batches. The random numbers themselves are Vireo's, not torch's: the same seed does not give
 * torchvision's crops.
 *
 * <p>May import {@code vireo.tensor} and {@code vireo.vision.io}.
 */
package vireo.vision.transforms;
