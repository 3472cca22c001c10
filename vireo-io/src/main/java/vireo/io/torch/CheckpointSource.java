package vireo.io.torch;

import java.io.IOException;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * One open checkpoint, read in two steps: first the pickle (cheap, and where every refusal happens), then only
 * the storages the caller's selection of it needs.
 */
interface CheckpointSource {

    /** The object the file holds, with tensors as {@link TensorRef}s. Call once, before {@link #load}. */
    Object unpickle() throws IOException;

    /**
     * Reads the storages behind {@code refs} and builds their tensors. Each storage's bytes are held only while its
     * tensors are decoded.
     *
     * @param refs the tensors to build, each with its name for messages
     */
    Map<TensorRef, Tensor> load(Map<TensorRef, String> refs) throws IOException;
}
