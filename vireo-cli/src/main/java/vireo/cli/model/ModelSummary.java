package vireo.cli.model;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.autograd.GradMode;
import vireo.nn.ForwardHook;
import vireo.nn.Module;
import vireo.nn.Sequential;
import vireo.nn.SummaryTable;
import vireo.tensor.Tensor;

/**
 * A model's summary as Keras prints it ({@link SummaryTable}): one row per layer with its output shape and
 * parameter count, then the totals. The output shapes are real: one zero image (batch 1, eval mode, no gradient)
 * is run through the model while forward hooks record what each shown module returns.
 *
 * <p>The rows are the model's children, with {@code Sequential} containers opened: ResNet-50 shows its stem,
 * its sixteen bottleneck blocks ({@code layer1.0 (Bottleneck)}, ...), the pooling and the head; VGG-16 its
 * features and classifier layers; the tutorial CNNs every layer. A block's inner layers would be torchinfo's
 * deeper levels — hundreds of rows for ResNet-50.
 */
public final class ModelSummary {

    private ModelSummary() {
    }

    /**
     * The summary of {@code model}, named {@code name}, for {@code channels}×{@code size}×{@code size} images.
     * Leaves the model in eval mode.
     */
    public static String render(String name, Module model, int channels, int size) {
        Map<String, Module> shown = new LinkedHashMap<>();
        rows("", model, shown);
        Map<Module, int[]> shapes = new IdentityHashMap<>();
        List<ForwardHook.Handle> handles = new ArrayList<>();
        for (Module m : shown.values()) {
            // The first call's output: a module reused at several places (ReLU) shows where it is first used.
            handles.add(m.registerForwardHook((mod, in, out) -> shapes.putIfAbsent(mod, out.shape())));
        }
        model.eval();
        try (var noGrad = GradMode.noGrad()) {
            model.call(Tensor.zeros(1, channels, size, size));
        } finally {
            handles.forEach(ForwardHook.Handle::close);
        }
        SummaryTable table = new SummaryTable(name);
        table.row("input (Input)", shape(new int[]{1, channels, size, size}), "0");
        for (var e : shown.entrySet()) {
            Module m = e.getValue();
            long n = 0;
            for (Tensor p : m.parameters()) {
                n += p.numel();
            }
            int[] s = shapes.get(m);
            table.row(e.getKey() + " (" + m.typeName() + ")", s == null ? "? (not called)" : shape(s),
                    SummaryTable.number(n));
        }
        long total = 0;
        long trainable = 0;
        for (Tensor p : model.parameters()) {
            total += p.numel();
            trainable += p.requiresGrad() ? p.numel() : 0;
        }
        return table.total("Total params", total)
                .total("Trainable params", trainable)
                .total("Non-trainable params", total - trainable)
                .render();
    }

    /** The modules shown: children, with Sequential containers replaced by their own children. */
    private static void rows(String prefix, Module m, Map<String, Module> out) {
        for (var e : m.namedChildren().entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Sequential s && !s.children().isEmpty()) {
                rows(path, s, out);
            } else if (e.getValue() != null) {
                out.put(path, e.getValue());
            }
        }
        if (prefix.isEmpty() && out.isEmpty()) {
            out.put(m.typeName().toLowerCase(java.util.Locale.ROOT), m); // a single layer, no children
        }
    }

    /** Keras's notation, batch as {@code None}: {@code (None, 64, 56, 56)}. */
    private static String shape(int[] s) {
        StringBuilder b = new StringBuilder("(None");
        for (int i = 1; i < s.length; i++) {
            b.append(", ").append(s[i]);
        }
        return b.append(')').toString();
    }
}
