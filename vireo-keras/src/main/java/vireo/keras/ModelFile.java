package vireo.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.io.VireoArchive;
import vireo.io.safetensors.SafeTensors;
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
 * The Keras face's one-file model: a {@link VireoArchive} ({@code .vireo}, format {@code vireo.keras}) holding
 * <ul>
 *   <li>{@code config.json} — the architecture (layer classes and options) and the compile settings, enough to
 *       rebuild built-in layers without user code;</li>
 *   <li>{@code model.safetensors} — the state dict;</li>
 *   <li>{@code optimizer.safetensors} — the optimizer's per-parameter state, with its param groups as JSON in the
 *       safetensors metadata (present once the optimizer exists);</li>
 *   <li>{@code metadata.json} — the archive's (format, versions, date, SHA-256 of every other entry, checked on
 *       load), plus the epochs completed and the model's random state.</li>
 * </ul>
 * The archive writes atomically and checks the whole file before anything is built, so a truncated or altered
 * file fails with a clear message and loads nothing; a {@code .vireo} written by another face (the CLI's
 * classifiers) fails saying what it holds and what to use it with.
 */
final class ModelFile {

    static final String CONFIG = "config.json";
    static final String WEIGHTS = "model.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final int FORMAT_VERSION = 1;

    private ModelFile() {
    }

    // ------------------------------------------------------------ save

    static void save(Sequential model, Path path) throws IOException {
        if (!model.isBuilt()) {
            throw new IllegalStateException(model.name() + ": build the model (give it an Input or fit it) before "
                    + "saving it");
        }
        VireoArchive.Writer w = VireoArchive.writer()
                .json(CONFIG, config(model))
                .tensors(WEIGHTS, model.stateDict(), Map.of("format", "pt"));
        Optimizer opt = model.isCompiled() ? model.optimizer() : null;
        if (opt != null) {
            OptimizerState s = opt.stateDict();
            w.tensors(OPTIMIZER, s.toTensors(), s.toMetadata());
        }
        var meta = new LinkedHashMap<String, Object>();
        meta.put("epochs_completed", model.epochsCompleted());
        var rng = new LinkedHashMap<String, Object>();
        // As strings: JSON readers elsewhere keep only 53 bits of a number.
        rng.put("generator_state", Long.toString(model.generator().state()));
        rng.put("shuffle_seed", Long.toString(model.shuffleSeed()));
        meta.put("rng", rng);
        w.write(path, VireoArchive.Kind.KERAS, FORMAT_VERSION, meta);
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
        VireoArchive archive = VireoArchive.read(path);
        archive.require(VireoArchive.Kind.KERAS, FORMAT_VERSION);
        Config root = new Config(path + ":" + CONFIG, archive.json(CONFIG));
        if (!"Sequential".equals(root.string("class_name"))) {
            throw new IOException(path + ": expected a Sequential model, received class_name '"
                    + root.string("class_name") + "'");
        }
        Map<String, Tensor> weights = archive.tensors(WEIGHTS).tensors();
        OptimizerState optState = null;
        if (archive.has(OPTIMIZER)) {
            VireoArchive.Tensors o = archive.tensors(OPTIMIZER);
            optState = OptimizerState.fromTensors(o.tensors(), o.metadata());
        }
        Sequential model = fromConfig(root);
        model.loadStateDict(weights, true);
        if (optState != null && model.optimizer() != null) {
            model.optimizer().loadStateDict(optState);
        }
        Config meta = new Config(path + ":" + VireoArchive.METADATA, archive.metadata());
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
}
