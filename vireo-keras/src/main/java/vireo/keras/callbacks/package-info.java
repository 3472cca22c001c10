/**
 * Keras callbacks with Keras 3's semantics and messages: {@code EarlyStopping}, {@code ModelCheckpoint},
 * {@code ReduceLROnPlateau}, {@code CSVLogger}, {@code LearningRateScheduler}, {@code TerminateOnNaN},
 * {@code History}, and the progress bar ({@code Progbar}, {@code ProgbarLogger}). They act on the model only
 * through its public API (state dict, learning rate, {@code stopTraining}, {@code save}).
 */
package vireo.keras.callbacks;
