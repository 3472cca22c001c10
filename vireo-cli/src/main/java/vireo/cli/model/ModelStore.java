package vireo.cli.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vireo.cli.CliException;
import vireo.json.Json;
import vireo.io.AtomicFiles;
import vireo.io.TensorFiles;
import vireo.nn.Module;
import vireo.tensor.Tensor;

/**
 * Saves and loads a trained classifier — the one place that knows the on-disk format. Today a run directory holds
 * {@code model.safetensors} (the state dict) beside {@code run.json} ({@link ModelInfo}); when the Keras face's
 * one-file {@code .vireo} format lands, only this class changes.
 *
 * <p>{@link #load} also takes a bare {@code .pth}/{@code .safetensors} state dict with {@code --arch}: the number
 * of classes comes from {@code --num-classes} or the classifier's weight, the preprocessing is torchvision's
 * ImageNet preset (or the tutorial CNNs' 28×28 grayscale).
 */
public final class ModelStore {

    public static final String WEIGHTS = "model.safetensors";
    public static final String INFO = "run.json";

    private ModelStore() {
    }

    public static void save(Path dir, Module model, ModelInfo info) throws IOException {
        Files.createDirectories(dir);
        TensorFiles.save(model.stateDict(), dir.resolve(WEIGHTS));
        writeString(dir.resolve(INFO), Json.write(info.toJson()) + "\n");
    }

    /** Writes {@code text} atomically (a reader never sees half a file, even after Ctrl-C). */
    public static void writeString(Path path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.replace(path, ch -> {
            var buf = java.nio.ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        });
    }

    /**
     * @param path a run directory, a {@code model.safetensors} beside its {@code run.json}, or a bare state dict
     * @param arch needed for a bare state dict, else null
     * @param numClasses for a bare state dict; null to read it from the classifier's weight
     */
    public static LoadedModel load(Path path, String arch, Integer numClasses) {
        if (!Files.exists(path)) {
            throw CliException.usage("model " + path + " does not exist (expected a run folder, or a .safetensors or "
                    + ".pth file)");
        }
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        Path weights = Files.isDirectory(path) ? path.resolve(WEIGHTS) : path;
        Path infoFile = dir.resolve(INFO);
        boolean described = Files.isRegularFile(infoFile)
                && (Files.isDirectory(path) || weights.getFileName().toString().equals(WEIGHTS)) && arch == null;
        if (Files.isDirectory(path) && !Files.isRegularFile(weights)) {
            throw CliException.usage("run folder " + path + " has no " + WEIGHTS + " (did its training finish?)");
        }
        Map<String, Tensor> state;
        try {
            state = TensorFiles.load(weights);
        } catch (IOException | RuntimeException e) {
            throw CliException.usage("cannot read weights " + weights + ": " + e.getMessage());
        }
        ModelInfo info;
        if (described) {
            try {
                info = ModelInfo.fromJson((Map<?, ?>) Json.parse(Files.readString(infoFile)));
            } catch (IOException | RuntimeException e) {
                throw CliException.usage("cannot read " + infoFile + ": " + e.getMessage());
            }
        } else {
            if (arch == null) {
                throw CliException.usage(weights + " is a bare state dict: say which architecture it is with --arch ("
                        + Archs.known() + ")");
            }
            info = describeBare(Archs.of(arch), state, numClasses);
        }
        Module model = info.arch().create(info.classes().size(), info.head(), info.preprocessing().size());
        try {
            model.loadStateDict(state);
        } catch (RuntimeException e) {
            throw CliException.usage("the weights in " + weights + " do not fit " + info.arch().cliName() + " with "
                    + info.classes().size() + " classes: " + firstLine(e.getMessage()));
        }
        model.eval();
        return new LoadedModel(model, info);
    }

    private static ModelInfo describeBare(Archs arch, Map<String, Tensor> state, Integer numClasses) {
        Tensor w = state.get(arch.classifierWeightKey());
        int n;
        if (numClasses != null) {
            n = numClasses;
        } else if (w != null) {
            n = w.size(0);
        } else {
            throw CliException.usage("cannot tell the number of classes: the weights have no "
                    + arch.classifierWeightKey() + "; pass --num-classes N");
        }
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            classes.add(ModelInfo.GENERIC_PREFIX + i);
        }
        return new ModelInfo(arch, 0, classes, arch.preprocessing(0));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i) + " ...";
    }
}
