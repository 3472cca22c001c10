package vireo.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vireo.cli.model.Archs;
import vireo.nn.Module;
import vireo.tensor.Tensor;

/** {@code vireo summary --arch NAME}: layers and parameter counts, PyTorch-style. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print an architecture's layers with parameter counts.")
public final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", required = true, paramLabel = "NAME", description = "resnet50, resnet18, vgg16, lenet5 or cnn")
    String arch;

    @Option(names = "--num-classes", paramLabel = "N", description = "classes of the head (default: the published model's)")
    Integer numClasses;

    @Option(names = "--head", paramLabel = "UNITS", defaultValue = "0",
            description = "a hidden layer of this width before the classifier (default: none)")
    int head;

    @Option(names = "--image-size", paramLabel = "PX", description = "input size (default: the architecture's)")
    Integer imageSize;

    @Override
    public Integer call() {
        Archs a = Archs.of(arch);
        int size = imageSize != null ? imageSize : a.defaultImageSize();
        Module model = a.backbone(size);
        if (numClasses != null || head > 0) {
            int n = numClasses != null ? numClasses : model.stateDict().get(a.classifierWeightKey()).size(0);
            model = a.replaceHead(model, n, head);
        }
        print(model, a, size, spec.commandLine().getOut());
        return 0;
    }

    /** One row per leaf layer (name, type, parameters), then the totals. */
    static void print(Module model, Archs arch, int size, PrintWriter out) {
        int channels = arch.preprocessing(size).channels();
        String line = "-".repeat(100);
        out.println(line);
        out.printf("%-28s %-20s %12s  %s%n", "Layer (name)", "Type", "Param #", "Settings");
        out.println("=".repeat(100));
        long total = 0;
        long trainable = 0;
        for (var e : model.namedModules().entrySet()) {
            Module m = e.getValue();
            if (!m.children().isEmpty()) {
                continue;
            }
            long n = 0;
            for (Tensor p : m.parameters()) {
                n += p.numel();
                total += p.numel();
                trainable += p.requiresGrad() ? p.numel() : 0;
            }
            out.printf("%-28s %-20s %,12d  %s%n", e.getKey(), m.typeName(), n, clip(m.extraRepr(), 36));
        }
        out.println("=".repeat(100));
        out.printf("Total params: %,d%nTrainable params: %,d%nNon-trainable params: %,d%n", total, trainable,
                total - trainable);
        out.printf("Input: [N, %d, %d, %d]; parameter size: %.2f MB (float32)%n", channels, size, size,
                total * 4 / 1e6);
        out.println(line);
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
