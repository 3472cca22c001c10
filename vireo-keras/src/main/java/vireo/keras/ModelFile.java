package vireo.keras;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import vireo.io.AtomicFiles;
import vireo.io.safetensors.SafeTensors;
import vireo.json.Json;
import vireo.keras.internal.Config;
import vireo.keras.layers.Input;
import vireo.keras.layers.Layer;
import vireo.keras.layers.Layers;
import vireo.keras.losses.Losses;
import vireo.keras.metrics.Metric;
import vireo.keras.metrics.Metrics;
import vireo.keras.optimizers.Optimizers;
import vireo.optim.Optimizer;
import vireo.optim.OptimizerState;
import vireo.tensor.Tensor;

/**
 * The one-file model, {@code .vireo}: a zip holding
 * <ul>
 *   <li>{@code config.json} — the architecture (layer classes and options) and the compile settings, enough to
 *       rebuild built-in layers without user code;</li>
 *   <li>{@code model.safetensors} — the state dict;</li>
 *   <li>{@code optimizer.safetensors} — the optimizer's per-parameter state, with its param groups as JSON in the
 *       safetensors metadata (present once the optimizer exists);</li>
 *   <li>{@code metadata.json} — versions, date, epochs completed, the model's random state, and the SHA-256 of
 *       every other entry, checked on load.</li>
 * </ul>
 * The file is written to a temporary file and renamed over the target. Loading reads and checks everything before
 * building anything, so a truncated or altered file fails with a clear message and loads nothing.
 */
final class ModelFile {

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String METADATA = "metadata.json";
    static final int FORMAT_VERSION = 1;
    private static final long MAX_ENTRY = Integer.MAX_VALUE - 64;

    private ModelFile() {
    }

    // ------------------------------------------------------------ save

    static void save(Sequential model, Path path) throws IOException {
        if (!model.isBuilt()) {
            throw new IllegalStateException(model.name() + ": build the model (give it an Input or fit it) before "
                    + "saving it");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CONFIG, Json.write(config(model)).getBytes(StandardCharsets.UTF_8));
        Path tmp = Files.createTempDirectory("vireo-save");
        try {
            entries.put(WEIGHTS, safetensorsBytes(model.stateDict(), Map.of("format", "pt"), tmp.resolve("w")));
            Optimizer opt = model.isCompiled() ? model.optimizer() : null;
            if (opt != null) {
                OptimizerState s = opt.stateDict();
                entries.put(OPTIMIZER, safetensorsBytes(s.toTensors(), s.toMetadata(), tmp.resolve("o")));
            }
        } finally {
            deleteTree(tmp);
        }
        var meta = new LinkedHashMap<String, Object>();
        meta.put("format", "vireo.keras");
        meta.put("format_version", FORMAT_VERSION);
        meta.put("vireo_version", version());
        meta.put("java_version", System.getProperty("java.version"));
        meta.put("date_saved", Instant.now().toString());
        meta.put("epochs_completed", model.epochsCompleted());
        var rng = new LinkedHashMap<String, Object>();
        // As strings: JSON readers elsewhere keep only 53 bits of a number.
        rng.put("generator_state", Long.toString(model.generator().state()));
        rng.put("shuffle_seed", Long.toString(model.shuffleSeed()));
        meta.put("rng", rng);
        var sums = new LinkedHashMap<String, Object>();
        entries.forEach((k, v) -> sums.put(k, sha256(v)));
        meta.put("sha256", sums);
        entries.put(METADATA, Json.write(meta).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.replace(path, ch -> {
            var zip = new ZipOutputStream(Channels.newOutputStream(ch));
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.finish(); // not close(): AtomicFiles forces and closes the channel itself
            zip.flush();
        });
    }

    static Map<String, Object> config(Sequential model) {
        var layers = new java.util.ArrayList<Object>();
        for (Layer l : model.layers()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("class_name", l.className());
            m.put("config", l.getConfig());
            layers.add(m);
        }
        var inner = new LinkedHashMap<String, Object>();
        inner.put("name", model.name());
        var in = new LinkedHashMap<String, Object>();
        in.put("shape", model.input().shape());
        in.put("channels_last", model.input().isChannelsLast());
        inner.put("input", in);
        inner.put("layers", layers);
        var root = new LinkedHashMap<String, Object>();
        root.put("format", "vireo.keras");
        root.put("format_version", FORMAT_VERSION);
        root.put("class_name", "Sequential");
        root.put("config", inner);
        if (model.isCompiled()) {
            var compile = new LinkedHashMap<String, Object>();
            var opt = new LinkedHashMap<String, Object>();
            opt.put("class_name", model.optimizerConfig().className());
            var oc = new LinkedHashMap<>(model.optimizerConfig().getConfig());
            oc.put("learning_rate", model.learningRate()); // the current rate, after any schedule
            opt.put("config", oc);
            compile.put("optimizer", opt);
            compile.put("loss", Losses.toConfig(model.loss()));
            compile.put("metrics", model.metrics().stream().map(Metric::configName).toList());
            root.put("compile_config", compile);
        }
        return root;
    }

    static void saveWeights(Sequential model, Path path) throws IOException {
        if (!model.isBuilt()) {
            throw new IllegalStateException(model.name() + ": the model has no weights until it is built");
        }
        SafeTensors.write(model.stateDict(), path, Map.of("format", "pt", LAYER_ORDER, String.join(",",
                weightedLayers(model))));
    }

    /** The metadata key listing the layers with weights, in model order, so weights load by position too. */
    static final String LAYER_ORDER = "vireo.layers";

    private static List<String> weightedLayers(Sequential model) {
        return model.layers().stream().filter(l -> !l.stateDict().isEmpty()).map(Layer::name).toList();
    }

    static void loadWeights(Sequential model, Path path) throws IOException {
        Map<String, Tensor> sd = SafeTensors.read(path);
        if (!model.isBuilt()) {
            throw new IllegalStateException(model.name() + ": build the model (Input or build(shape)) before loading "
                    + "weights into it");
        }
        String order = SafeTensors.readMetadata(path).get(LAYER_ORDER);
        List<String> own = weightedLayers(model);
        if (order != null && !model.stateDict().keySet().equals(sd.keySet())) {
            // Keras matches weights to layers by position: the same architecture built again gets new automatic
            // names (dense_1 instead of dense), so rename the file's layers to this model's, in order.
            List<String> saved = order.isEmpty() ? List.of() : List.of(order.split(","));
            if (saved.size() == own.size()) {
                Map<String, Tensor> renamed = new LinkedHashMap<>();
                sd.forEach((k, v) -> {
                    int dot = k.indexOf('.');
                    int i = saved.indexOf(dot < 0 ? k : k.substring(0, dot));
                    renamed.put(i < 0 ? k : own.get(i) + k.substring(dot), v);
                });
                sd = renamed;
            }
        }
        model.loadStateDict(sd, true);
    }

    // ------------------------------------------------------------ load

    static Sequential load(Path path) throws IOException {
        Map<String, byte[]> entries = readZip(path);
        for (String required : List.of(CONFIG, WEIGHTS, METADATA)) {
            if (!entries.containsKey(required)) {
                throw new IOException(path + ": not a complete .vireo model file: missing " + required
                        + "; entries present: " + entries.keySet());
            }
        }
        // The Python dialect: Json.write puts a non-finite double in a config as NaN/Infinity, as Keras does.
        Config meta = new Config(path + ":" + METADATA, Json.parseObject(new String(entries.get(METADATA),
                StandardCharsets.UTF_8), path + ":" + METADATA, Json.Dialect.PYTHON));
        Config sums = meta.object("sha256");
        for (var e : entries.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                continue;
            }
            String want = sums.optString(e.getKey());
            if (want == null) {
                throw new IOException(path + ": entry " + e.getKey() + " is not listed in " + METADATA
                        + "; the file was altered");
            }
            if (!want.equals(sha256(e.getValue()))) {
                throw new IOException(path + ": entry " + e.getKey() + " does not match its SHA-256 in " + METADATA
                        + "; the file is corrupt or was altered");
            }
        }
        int version = meta.integer("format_version");
        if (version > FORMAT_VERSION) {
            throw new IOException(path + ": format version " + version + " is newer than this Vireo reads ("
                    + FORMAT_VERSION + "); upgrade Vireo");
        }
        Config root = new Config(path + ":" + CONFIG, Json.parseObject(new String(entries.get(CONFIG),
                StandardCharsets.UTF_8), path + ":" + CONFIG, Json.Dialect.PYTHON));
        if (!"Sequential".equals(root.string("class_name"))) {
            throw new IOException(path + ": expected a Sequential model, received class_name '"
                    + root.string("class_name") + "'");
        }
        Path tmp = Files.createTempDirectory("vireo-load");
        Map<String, Tensor> weights;
        OptimizerState optState = null;
        try {
            weights = readSafetensors(entries.get(WEIGHTS), tmp.resolve("w"), path, WEIGHTS);
            if (entries.containsKey(OPTIMIZER)) {
                Path o = tmp.resolve("o");
                Files.write(o, entries.get(OPTIMIZER));
                optState = OptimizerState.fromTensors(SafeTensors.read(o), SafeTensors.readMetadata(o));
            }
        } finally {
            deleteTree(tmp);
        }
        Sequential model = fromConfig(root);
        model.loadStateDict(weights, true);
        if (optState != null && model.optimizer() != null) {
            model.optimizer().loadStateDict(optState);
        }
        Config rng = meta.object("rng");
        model.restoreRuntime(parseLong(rng, "generator_state"), parseLong(rng, "shuffle_seed"),
                meta.integer("epochs_completed"));
        return model;
    }

    static Sequential fromConfig(Config root) {
        Config c = root.object("config");
        Sequential model = new Sequential().name(c.string("name"));
        Config in = c.object("input");
        model.add(Input.of(in.ints("shape")).channelsLast(in.bool("channels_last")));
        List<?> layers = c.list("layers");
        for (int i = 0; i < layers.size(); i++) {
            if (!(layers.get(i) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(c.where() + ".layers[" + i + "]: expected an object");
            }
            @SuppressWarnings("unchecked")
            Config lc = new Config(c.where() + ".layers[" + i + "]", (Map<String, Object>) m);
            model.add(Layers.fromConfig(lc.string("class_name"), lc.object("config")));
        }
        if (root.has("compile_config")) {
            Config cc = root.object("compile_config");
            List<?> names = cc.list("metrics");
            Metric[] metrics = new Metric[names.size()];
            for (int i = 0; i < metrics.length; i++) {
                String n = String.valueOf(names.get(i));
                int at = n.indexOf('@');
                metrics[i] = at < 0 ? Metrics.get(n) : Metrics.topKCategoricalAccuracy(Integer.parseInt(n.substring(at + 1)));
            }
            model.compile(Optimizers.fromConfig(cc.object("optimizer")), Losses.fromConfig(cc.object("loss")), metrics);
        }
        return model;
    }

    private static long parseLong(Config c, String key) {
        try {
            return Long.parseLong(c.string(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(c.where() + ": \"" + key + "\": expected an integer string");
        }
    }

    private static Map<String, byte[]> readZip(Path path) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (var zip = new ZipInputStream(Files.newInputStream(path))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (out.containsKey(e.getName())) {
                    throw new IOException(path + ": duplicate entry " + e.getName());
                }
                out.put(e.getName(), readBounded(zip, path, e.getName()));
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(path + ": not a readable .vireo file (a zip): " + e.getMessage()
                    + "; it may be truncated or corrupt", e);
        }
        if (out.isEmpty()) {
            throw new IOException(path + ": not a .vireo model file (no zip entries; truncated or another format)");
        }
        return out;
    }

    private static byte[] readBounded(InputStream in, Path path, String name) throws IOException {
        var buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) > 0) {
            total += n;
            if (total > MAX_ENTRY) {
                throw new IOException(path + ": entry " + name + " is larger than 2 GiB");
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }

    private static Map<String, Tensor> readSafetensors(byte[] bytes, Path tmp, Path file, String entry)
            throws IOException {
        Files.write(tmp, bytes);
        try {
            return SafeTensors.read(tmp);
        } catch (IOException e) {
            throw new IOException(file + ": entry " + entry + ": " + e.getMessage(), e);
        }
    }

    private static byte[] safetensorsBytes(Map<String, Tensor> tensors, Map<String, String> meta, Path tmp)
            throws IOException {
        SafeTensors.write(tensors, tmp, meta);
        return Files.readAllBytes(tmp);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version() {
        String v = ModelFile.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
