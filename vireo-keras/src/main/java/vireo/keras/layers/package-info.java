/**
 * Keras layers ({@code Dense}, {@code Conv2D}, pooling, {@code BatchNormalization}, dropout, {@code Flatten},
 * {@code Reshape}, {@code Activation}, {@code Input}) as {@code vireo.nn.Module}s that build their parameters from
 * the input shape, with Keras's names, defaults, initializers and padding arithmetic.
 *
 * <p>Images are channels-first inside a model; the model converts channels-last data at its input (see
 * {@link vireo.keras.layers.Input}). Parameters keep PyTorch's layouts and names. May import {@code vireo.tensor},
 * {@code vireo.autograd}, {@code vireo.nn*} and {@code vireo.keras.internal}.
 */
package vireo.keras.layers;
