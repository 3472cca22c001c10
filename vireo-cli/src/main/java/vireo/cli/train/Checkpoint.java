package vireo.cli.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.cli.CliException;
import vireo.json.Json;
import vireo.cli.model.ModelStore;
import vireo.io.safetensors.SafeTensors;
import vireo.nn.Module;
import vireo.optim.Optimizer;
import vireo.optim.OptimizerState;
import vireo.tensor.Tensor;

/**
 * The last completed epoch of a run, in {@code RUN_DIR/checkpoint/}: the model, optimizer and best weights in
 * files named by epoch, and {@code state.json} (config, history, early-stopping state) naming them. Files of a new
 * epoch are written first and {@code state.json} is replaced atomically last, so at any instant — Ctrl-C included —
 * {@code state.json} names a complete set; older epochs' files are removed afterwards.
 */
public final class Checkpoint {

    public static final String DIR = "checkpoint";
    public static final String STATE = "state.json";

    private Checkpoint() {
    }

    public static void write(Path runDir, TrainConfig config, Module model, Optimizer optimizer,
                             Trainer.Progress p) throws IOException {
        Path dir = runDir.resolve(DIR);
        Files.createDirectories(dir);
        String tag = String.format("epoch-%04d", p.epoch());
        String modelFile = tag + ".model.safetensors";
        String optimFile = tag + ".optimizer.safetensors";
        String bestFile = String.format("epoch-%04d.best.safetensors", p.bestEpoch());
        SafeTensors.write(model.stateDict(), dir.resolve(modelFile));
        OptimizerState os = optimizer.stateDict();
        SafeTensors.write(os.toTensors(), dir.resolve(optimFile), os.toMetadata());
        if (!Files.exists(dir.resolve(bestFile))) {
            SafeTensors.write(p.bestState(), dir.resolve(bestFile));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", p.epoch());
        m.put("model", modelFile);
        m.put("optimizer", optimFile);
        m.put("best", bestFile);
        m.put("best_epoch", p.bestEpoch());
        m.put("best_valid_loss", EpochStats.finite(p.bestValidLoss()));
        m.put("wait", p.waited());
        m.put("stopped", p.stopped());
        m.put("config", config.toJson());
        List<Object> history = new ArrayList<>();
        p.history().forEach(e -> history.add(e.toJson()));
        m.put("history", history);
        ModelStore.writeString(dir.resolve(STATE), Json.write(m) + "\n");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith("epoch-") && !n.equals(modelFile) && !n.equals(optimFile) && !n.equals(bestFile)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The saved config of a run, to rebuild its data and model before {@link #restore}. */
    public static TrainConfig config(Path runDir) {
        return TrainConfig.fromJson((Map<?, ?>) state(runDir).get("config"));
    }

    /** Loads the model and optimizer of the last completed epoch and returns where the run stands. */
    public static Trainer.Progress restore(Path runDir, Module model, Optimizer optimizer) throws IOException {
        Map<?, ?> m = state(runDir);
        Path dir = runDir.resolve(DIR);
        model.loadStateDict(SafeTensors.read(dir.resolve((String) m.get("model"))));
        Path optim = dir.resolve((String) m.get("optimizer"));
        optimizer.loadStateDict(OptimizerState.fromTensors(SafeTensors.read(optim), SafeTensors.readMetadata(optim)));
        Map<String, Tensor> best = SafeTensors.read(dir.resolve((String) m.get("best")));
        List<EpochStats> history = new ArrayList<>();
        for (Object o : (List<?>) m.get("history")) {
            history.add(EpochStats.fromJson((Map<?, ?>) o));
        }
        Object bvl = m.get("best_valid_loss");
        return new Trainer.Progress(history, ((Number) m.get("best_epoch")).intValue(),
                bvl == null ? Double.POSITIVE_INFINITY : ((Number) bvl).doubleValue(), best,
                ((Number) m.get("wait")).intValue(), (Boolean) m.get("stopped"));
    }

    private static Map<?, ?> state(Path runDir) {
        Path f = runDir.resolve(DIR).resolve(STATE);
        if (Files.notExists(runDir)) {
            throw CliException.usage("cannot resume: there is no run folder " + runDir
                    + " (a run interrupted before its first epoch ended saved nothing: start it again)");
        }
        if (!Files.isRegularFile(f)) {
            throw CliException.usage("cannot resume: " + runDir + " has no " + DIR + "/" + STATE
                    + " (expected the folder of a run started with vireo train --out)");
        }
        try {
            return (Map<?, ?>) Json.parse(Files.readString(f));
        } catch (IOException | RuntimeException e) {
            throw CliException.cannotRead("", f, e);
        }
    }
}
