/**
 * Keras optimizers (Adam, SGD, RMSprop) with Keras's defaults and update formulas, which differ from PyTorch's
 * (Adam's ε placement and 1e-7 default, SGD's momentum form, RMSprop's ε inside the root). Each is a description
 * that creates a {@code vireo.optim.Optimizer} once the model's parameters exist.
 */
package vireo.keras.optimizers;
