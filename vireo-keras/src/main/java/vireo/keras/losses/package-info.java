/** Keras losses by name, with Keras 3's formulas (probabilities clipped to [1e-7, 1 − 1e-7]) and label checks. */
package vireo.keras.losses;
