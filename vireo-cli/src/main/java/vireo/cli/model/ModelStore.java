package vireo.cli.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vireo.cli.CliException;
import vireo.io.AtomicFiles;
import vireo.io.TensorFiles;
import vireo.io.VireoArchive;
import vireo.nn.Module;
import vireo.tensor.Tensor;

/**
 * Saves and loads a trained classifier — the one place that knows the on-disk format: a one-file {@code .vireo}
 * model ({@link VireoArchive}, format {@code vireo.cli}) holding
 * <ul>
 *   <li>{@code config.json} — {@code {"class_name": "Classifier", "config": ModelInfo}}: the architecture, head,
 *       class names and preprocessing, enough to rebuild the network;</li>
 *   <li>{@code model.safetensors} — the state dict, with PyTorch's keys;</li>
 *   <li>{@code metadata.json} — the archive's: format, versions, date, SHA-256 of each entry.</li>
 * </ul>
 * A run folder holds it as {@code model.vireo}.
 *
 * <p>{@link #load} also takes a bare {@code .pth}/{@code .safetensors} state dict with {@code --arch}: the number
 * of classes comes from {@code --num-classes} or the classifier's weight, the preprocessing is torchvision's
 * ImageNet preset (or the tutorial CNNs' 28×28 grayscale).
 */
public final class ModelStore {

    /** The model's file name in a run folder. */
    public static final String FILE = "model.vireo";
    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    static final String CLASS_NAME = "Classifier";
    static final int FORMAT_VERSION = 1;

    private ModelStore() {
    }

    /** Writes {@code dir/model.vireo} (creating {@code dir}) and returns its path. */
    public static Path save(Path dir, Module model, ModelInfo info) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        write(file, model.stateDict(), info);
        return file;
    }

    /** Writes the one-file model {@code file}: {@code state} (a state dict fitting {@code info}) and {@code info}. */
    public static void write(Path file, Map<String, Tensor> state, ModelInfo info) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", VireoArchive.Kind.CLI_CLASSIFIER.format());
        config.put("format_version", FORMAT_VERSION);
        config.put("class_name", CLASS_NAME);
        config.put("config", info.toJson());
        VireoArchive.writer()
                .json(CONFIG, config)
                .tensors(WEIGHTS, state, Map.of("format", "pt"))
                .write(file, VireoArchive.Kind.CLI_CLASSIFIER, FORMAT_VERSION, Map.of());
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

    /** Whether {@code path} names a one-file model (by its extension, as tensor files are told apart). */
    public static boolean isModelFile(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(VireoArchive.EXTENSION);
    }

    /**
     * @param path a run folder, a {@code .vireo} model, or a bare state dict ({@code .safetensors}, {@code .pth})
     * @param arch needed for a bare state dict; for a model file null or its own architecture
     * @param numClasses for a bare state dict; null to read it from the classifier's weight
     */
    public static LoadedModel load(Path path, String arch, Integer numClasses) {
        if (!Files.exists(path)) {
            throw CliException.usage("model " + path + " does not exist (expected a run folder, a .vireo model, or "
                    + "a .safetensors or .pth file)");
        }
        if (Files.isDirectory(path)) {
            Path file = path.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                Path older = path.resolve("model.safetensors");
                throw CliException.usage("run folder " + path + " has no " + FILE + (Files.isRegularFile(older)
                        ? "; its model.safetensors, from an older vireo, loads as a bare state dict: --model "
                        + older + " --arch NAME"
                        : " (did its training finish?)"));
            }
            path = file;
        }
        Map<String, Tensor> state;
        ModelInfo info;
        if (isModelFile(path)) {
            VireoArchive archive = open(path);
            info = info(archive);
            if (arch != null && !arch.equals(info.arch().cliName())
                    || numClasses != null && numClasses != info.classes().size()) {
                throw CliException.usage(path + " holds " + describe(info) + "; leave out --arch and --num-classes "
                        + "(they describe bare state dicts)");
            }
            state = weights(archive);
        } else {
            try {
                state = TensorFiles.load(path);
            } catch (IOException | RuntimeException e) {
                throw CliException.cannotRead("weights", path, e);
            }
            if (arch == null) {
                throw CliException.usage(path + " is a bare state dict: say which architecture it is with --arch ("
                        + Archs.known() + ")");
            }
            info = describeBare(Archs.of(arch), state, numClasses);
        }
        Module model = info.arch().create(info.classes().size(), info.head(), info.preprocessing().size());
        try {
            model.loadStateDict(state);
        } catch (RuntimeException e) {
            throw CliException.usage("the weights in " + path + " do not fit " + info.arch().cliName() + " with "
                    + info.classes().size() + " classes: " + firstLine(e.getMessage()));
        }
        model.eval();
        return new LoadedModel(model, info);
    }

    /**
     * The state dict of a tensor file, or of a {@code .vireo} model of any face (its {@code model.safetensors}).
     */
    public static Map<String, Tensor> stateDict(Path path) {
        if (isModelFile(path)) {
            return weights(open(path));
        }
        try {
            return TensorFiles.load(path);
        } catch (IOException | RuntimeException e) {
            throw CliException.cannotRead("", path, e);
        }
    }

    /** One line for messages: "cnn, 2 classes (horizontal, vertical)". */
    static String describe(ModelInfo info) {
        List<String> c = info.classes();
        String names = c.size() <= 4 ? String.join(", ", c) : String.join(", ", c.subList(0, 4)) + ", ...";
        return info.arch().cliName() + ", " + c.size() + " classes (" + names + ")";
    }

    /** Reads and checks the whole file; a damaged file is a failed run (exit 1) with one line. */
    private static VireoArchive open(Path path) {
        try {
            return VireoArchive.read(path);
        } catch (IOException e) {
            throw CliException.failed(firstLine(e.getMessage()), e);
        }
    }

    private static ModelInfo info(VireoArchive archive) {
        try {
            // A Keras model (or a newer format) is the wrong input, not a damaged file: a usage error.
            archive.require(VireoArchive.Kind.CLI_CLASSIFIER, FORMAT_VERSION);
        } catch (IOException e) {
            throw CliException.usage(firstLine(e.getMessage()));
        }
        try {
            Map<String, Object> root = archive.json(CONFIG);
            if (!CLASS_NAME.equals(root.get("class_name")) || !(root.get("config") instanceof Map<?, ?> c)) {
                throw new IOException(archive.path() + ":" + CONFIG + ": expected {\"class_name\": \"" + CLASS_NAME
                        + "\", \"config\": {...}}, received class_name " + root.get("class_name"));
            }
            return ModelInfo.fromJson(c);
        } catch (IOException e) {
            throw CliException.failed(firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // Checksums matched, so the writer put a config here that this version cannot read.
            throw CliException.failed(archive.path() + ":" + CONFIG + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static Map<String, Tensor> weights(VireoArchive archive) {
        try {
            return archive.tensors(WEIGHTS).tensors();
        } catch (IOException e) {
            throw CliException.failed(firstLine(e.getMessage()), e);
        }
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
        return new ModelInfo(arch, 0, ModelInfo.genericClasses(n), arch.preprocessing(0));
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i) + " ...";
    }
}
