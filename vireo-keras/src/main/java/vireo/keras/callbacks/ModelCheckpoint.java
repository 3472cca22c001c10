package vireo.keras.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vireo.keras.internal.PyFormat;

/**
 * Saves the model after each epoch, as Keras's {@code ModelCheckpoint}. The path may hold Python format fields
 * filled from the epoch (1-based) and the logs: {@code "weights.{epoch:02d}-{val_loss:.2f}.vireo"}. Full models end
 * in {@code .vireo}; with {@code saveWeightsOnly} the file is safetensors and must end in {@code .safetensors}.
 * With {@code saveBestOnly}, it saves only when the monitored value improves (auto mode maximises names containing
 * "acc") and says {@code Epoch 3: val_loss improved from 0.31234 to 0.29871, saving model to …} when verbose.
 */
public final class ModelCheckpoint extends Callback {

    private final String filepath;
    private String monitor = "val_loss";
    private int verbose;
    private boolean saveBestOnly;
    private boolean saveWeightsOnly;
    private Mode mode = Mode.AUTO;
    private Double initialValueThreshold;
    private double best;
    private boolean maximize;

    public ModelCheckpoint(String filepath) {
        this.filepath = filepath;
        checkSuffix();
    }

    private void checkSuffix() {
        String want = saveWeightsOnly ? ".safetensors" : ".vireo";
        if (!filepath.endsWith(want)) {
            throw new IllegalArgumentException("ModelCheckpoint: the filepath must end in " + want
                    + (saveWeightsOnly ? " when saveWeightsOnly is set" : " (or set saveWeightsOnly(true) and use "
                    + ".safetensors)") + ", received " + filepath);
        }
    }

    public ModelCheckpoint monitor(String value) {
        monitor = value;
        return this;
    }

    public ModelCheckpoint verbose(int value) {
        verbose = value;
        return this;
    }

    public ModelCheckpoint saveBestOnly(boolean value) {
        saveBestOnly = value;
        return this;
    }

    public ModelCheckpoint saveWeightsOnly(boolean value) {
        saveWeightsOnly = value;
        checkSuffix();
        return this;
    }

    public ModelCheckpoint mode(Mode value) {
        mode = value;
        return this;
    }

    /** The value to beat before the first save (saveBestOnly). */
    public ModelCheckpoint initialValueThreshold(double value) {
        initialValueThreshold = value;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        maximize = Mode.maximizeByName(mode, monitor);
        best = initialValueThreshold != null ? initialValueThreshold
                : maximize ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        var values = new LinkedHashMap<String, Object>(logs);
        values.put("epoch", epoch + 1);
        Path path = Path.of(PyFormat.formatNamed(filepath, values));
        if (saveBestOnly) {
            Double current = logs.get(monitor);
            if (current == null) {
                out.println("WARNING: Can save best model only with " + monitor + " available.");
                return;
            }
            if (!(maximize ? current > best : current < best)) {
                if (verbose > 0) {
                    out.println("\nEpoch " + (epoch + 1) + ": " + monitor + " did not improve from "
                            + PyFormat.format(best, ".5f"));
                }
                return;
            }
            if (verbose > 0) {
                out.println("\nEpoch " + (epoch + 1) + ": " + monitor + " improved from " + PyFormat.format(best, ".5f")
                        + " to " + PyFormat.format(current, ".5f") + ", saving model to " + path);
            }
            best = current;
        } else if (verbose > 0) {
            out.println("\nEpoch " + (epoch + 1) + ": saving model to " + path);
        }
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            if (saveWeightsOnly) {
                model().saveWeights(path);
            } else {
                model().save(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelCheckpoint: cannot save " + path, e);
        }
    }
}
