package vireo.keras;

import java.util.List;
import vireo.keras.layers.Layer;
import vireo.nn.SummaryTable;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;

/**
 * Keras 3's {@code model.summary()} for a Sequential model: one {@link SummaryTable} row per layer
 * ({@code conv2d (Conv2D)}, {@code (None, 26, 26, 32)}, {@code 320}), then the totals with their sizes in float32
 * bytes, counted as Keras counts them.
 */
final class Summary {

    private Summary() {
    }

    static String render(Sequential model) {
        SummaryTable table = new SummaryTable(model.name());
        List<Layer> layers = model.layers();
        long trainable = 0;
        long nonTrainable = 0;
        for (Layer l : layers) {
            String params = l.isBuilt() ? SummaryTable.number(l.countParams()) : "0 (unbuilt)";
            table.row(l.name() + " (" + l.className() + ")", l.outputShapeKeras(), params);
            long own = 0;
            for (Tensor p : l.parameters()) {
                own += p.numel();
            }
            long all = l.isBuilt() ? l.countParams() : 0;
            if (l.trainable()) {
                trainable += own;
                nonTrainable += all - own;
            } else {
                nonTrainable += all;
            }
        }
        Optimizer opt = model.isCompiled() && model.isBuilt() ? model.optimizer() : null;
        // Keras counts the optimizer's variables once it is built (its first step): 2 per parameter for Adam plus
        // `iterations` and `learning_rate`; they are part of "Total params" too.
        long optimizerParams = opt != null && (model.epochsCompleted() > 0 || !opt.stateDict().state().isEmpty())
                ? model.optimizerConfig().slotsPerParameter() * trainable + 2 : -1;
        table.total("Total params", trainable + nonTrainable + Math.max(optimizerParams, 0));
        table.total("Trainable params", trainable);
        table.total("Non-trainable params", nonTrainable);
        if (optimizerParams >= 0) {
            table.total("Optimizer params", optimizerParams);
        }
        return table.render();
    }

    /** Keras's {@code readable_memory_size}: 1024-based units with two decimals. */
    static String readableSize(double bytes) {
        return SummaryTable.readableSize(bytes);
    }
}
