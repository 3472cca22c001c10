/** Keras metrics by name, computed per sample and averaged over the epoch as Keras's mean metrics are. */
package vireo.keras.metrics;
