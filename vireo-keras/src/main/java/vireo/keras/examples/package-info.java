/**
 * Runnable Keras-face seed programs on Fashion-MNIST ({@code KerasCnn}, {@code LeNet5Keras}) and the
 * {@code fit}-overhead measurement ({@code FitOverhead}).
 */
package vireo.keras.examples;
