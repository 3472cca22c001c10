/**
 * The Keras face: {@link vireo.keras.Sequential} with {@code compile} / {@code fit} / {@code evaluate} /
 * {@code predict}, {@code summary()}, one-file {@code .vireo} models ({@link vireo.keras.Models}), {@link
 * vireo.keras.Fit} options and Keras's small utilities ({@link vireo.keras.Utils#toCategorical}, {@link
 * vireo.keras.Datasets}).
 *
 * <p>It is built on the PyTorch face and has no private powers: a model is a {@code vireo.nn.Module}, {@code fit}
 * is a {@code DataLoader} loop of {@code zeroGrad, forward, loss, backward, step}, and the optimizers are
 * {@code vireo.optim.Optimizer}s. May import {@code vireo.tensor}, {@code vireo.autograd}, {@code vireo.nn*},
 * {@code vireo.optim*}, {@code vireo.data}, {@code vireo.vision.datasets} and {@code vireo.io*}; nothing imports it.
 */
package vireo.keras;
