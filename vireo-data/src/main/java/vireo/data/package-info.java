/**
 * Data sets and the {@link vireo.data.DataLoader}: the PyTorch {@code torch.utils.data} face of Vireo.
 *
 * <p>Why it exists: a training loop needs shuffled, batched, reproducible input, built ahead of the model on
 * worker threads. Everything here is deterministic for a given seed: the order of batches and any per-sample
 * randomness depend on (seed, epoch, index), never on thread scheduling.
 *
 * <p>May import {@code vireo.tensor} and the JDK only (never {@code vireo.nn} or {@code vireo.io}).
 */
package vireo.data;
