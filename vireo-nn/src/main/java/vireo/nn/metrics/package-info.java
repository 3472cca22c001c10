/**
 * Classification metrics (accuracy, top-k accuracy, confusion matrix, per-class accuracy) computed from scores and
 * int64 targets with plain loops: evaluation code and the Keras face share them. Depends on {@code vireo.tensor} only.
 */
package vireo.nn.metrics;
