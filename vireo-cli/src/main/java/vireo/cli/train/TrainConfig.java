package vireo.cli.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a training run, stored in its checkpoint so {@code --resume} continues with the same data,
 * model and hyper-parameters.
 *
 * @param split train/valid/test fractions for a single folder of classes, or null
 * @param weights the starting weights file, or null
 * @param idxRoot where the IDX files of fashion-mnist/mnist are, or null for the default
 */
public record TrainConfig(String data, double[] split, String idxRoot, String arch, String weights, boolean freeze,
                          int head, int epochs, int batchSize, double lr, String augment, int earlyStopping,
                          int imageSize, long seed) {

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(data, split, idxRoot, arch, weights, freeze, head, e, batchSize, lr, augment,
                earlyStopping, imageSize, seed);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("split", split);
        m.put("idx_root", idxRoot);
        m.put("arch", arch);
        m.put("weights", weights);
        m.put("freeze", freeze);
        m.put("head", head);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("lr", lr);
        m.put("augment", augment);
        m.put("early_stopping", earlyStopping);
        m.put("image_size", imageSize);
        m.put("seed", seed);
        return m;
    }

    public static TrainConfig fromJson(Map<?, ?> m) {
        double[] split = null;
        if (m.get("split") instanceof List<?> l) {
            split = new double[l.size()];
            for (int i = 0; i < split.length; i++) {
                split[i] = ((Number) l.get(i)).doubleValue();
            }
        }
        return new TrainConfig((String) m.get("data"), split, (String) m.get("idx_root"), (String) m.get("arch"),
                (String) m.get("weights"), (Boolean) m.get("freeze"), i(m, "head"), i(m, "epochs"),
                i(m, "batch_size"), ((Number) m.get("lr")).doubleValue(), (String) m.get("augment"),
                i(m, "early_stopping"), i(m, "image_size"), ((Number) m.get("seed")).longValue());
    }

    private static int i(Map<?, ?> m, String k) {
        return ((Number) m.get(k)).intValue();
    }
}
