package vireo.keras;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads one-file models written by {@link Sequential#save}, Keras's {@code keras.models.load_model}.
 *
 * <pre>{@code
 * model.save(Path.of("mnist.vireo"));
 * Sequential same = Models.load(Path.of("mnist.vireo"));
 * same.fit(x, y, Fit.batchSize(128).epochs(20).initialEpoch(same.epochsCompleted()));   // resumes exactly
 * }</pre>
 */
public final class Models {

    private Models() {
    }

    /**
     * Rebuilds the model (layers from the config, weights, compile settings, optimizer state, random state). The
     * whole file is checked first (SHA-256 of each entry, every key and shape); on any error nothing is returned.
     *
     * @throws IOException for an unreadable, truncated or altered file
     * @throws IllegalArgumentException for a config naming unknown layers, losses, metrics or optimizers
     */
    public static Sequential load(Path path) throws IOException {
        return ModelFile.load(path);
    }
}
