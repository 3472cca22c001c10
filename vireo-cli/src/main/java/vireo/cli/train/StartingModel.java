package vireo.cli.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vireo.cli.CliException;
import vireo.cli.model.Archs;
import vireo.io.TensorFiles;
import vireo.nn.Module;
import vireo.tensor.Tensor;
import vireo.vision.models.BatchNormMode;
import vireo.vision.models.Freezing;

/** The network a training run starts from: architecture, starting weights, freezing, new head. */
public final class StartingModel {

    private StartingModel() {
    }

    /**
     * The network: the backbone, with the starting weights loaded (unless resuming, where the checkpoint replaces
     * them), frozen when asked, then a new head for {@code numClasses}.
     */
    public static Module build(Archs a, TrainConfig c, int numClasses, int size, boolean resuming) {
        Module net = a.backbone(size);
        if (c.weights() != null && !resuming) {
            Map<String, Tensor> state;
            Path file = Path.of(c.weights());
            try {
                state = TensorFiles.load(file);
            } catch (IOException | RuntimeException e) {
                throw CliException.cannotRead("--weights", file, e);
            }
            Tensor w = state.get(a.classifierWeightKey());
            Tensor own = net.stateDict().get(a.classifierWeightKey());
            if (w != null && w.size(0) != own.size(0)) {
                net = a.replaceHead(net, w.size(0), 0);
            }
            try {
                net.loadStateDict(state);
            } catch (RuntimeException e) {
                String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                throw CliException.usage("--weights " + c.weights() + " do not fit " + a.cliName() + ": " + m);
            }
        }
        if (c.freeze()) {
            Freezing.freeze(net, BatchNormMode.EVAL);
        }
        return a.replaceHead(net, numClasses, c.head());
    }
}
