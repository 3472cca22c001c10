/**
 * Ready-made data sets: MNIST and Fashion-MNIST from their IDX files, with an explicit, checksum-verified
 * download.
 *
 * <p>Why it exists: the seed models train on these; reading them must be fast (the whole set as two tensors) and
 * strict (a damaged or truncated file is refused with its name and what was wrong, never half-loaded). Nothing is
 * fetched unless asked with {@code download(true)}.
 *
 * <p>May import {@code vireo.data}, {@code vireo.tensor} and the JDK ({@code java.net.http} for downloads).
 */
package vireo.vision.datasets;
