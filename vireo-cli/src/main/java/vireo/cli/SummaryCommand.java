package vireo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vireo.cli.model.Archs;
import vireo.cli.model.LoadedModel;
import vireo.cli.model.ModelStore;
import vireo.cli.model.ModelSummary;
import vireo.cli.model.Preprocessing;
import vireo.nn.Module;

/** {@code vireo summary --model FILE | --arch NAME}: the Keras-style table of layers, output shapes and parameters. */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print a model's layers with their output shapes and parameter counts, as Keras's "
                + "model.summary() does.",
                "The shapes come from running one blank image through the model."})
public final class SummaryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "RUN_DIR|FILE",
            description = "a run folder or .vireo model, or a .safetensors/.pth state dict with --arch")
    Path model;

    @Option(names = "--arch", paramLabel = "NAME", description = "resnet50, resnet18, vgg16, lenet5 or cnn")
    String arch;

    @Option(names = "--num-classes", paramLabel = "N", description = "classes of the head (default: the published "
            + "model's, or a bare state dict's)")
    Integer numClasses;

    @Option(names = "--head", paramLabel = "UNITS",
            description = "a hidden layer of this width before the classifier (default: none)")
    Integer head;

    @Option(names = "--image-size", paramLabel = "PX", description = "input size (default: the architecture's)")
    Integer imageSize;

    @Override
    public Integer call() {
        if (model == null && arch == null) {
            throw CliException.usage("say which model: --model RUN_DIR|FILE or --arch NAME");
        }
        String name;
        Module net;
        Preprocessing pre;
        if (model != null) {
            if (head != null || imageSize != null) {
                throw CliException.usage("--head and --image-size describe a new architecture (with --arch alone); "
                        + "a saved model has its own");
            }
            LoadedModel m = ModelStore.load(model, arch, numClasses);
            name = m.info().arch().cliName();
            net = m.module();
            pre = m.info().preprocessing();
        } else {
            Archs a = Archs.of(arch);
            pre = a.preprocessing(imageSize != null ? imageSize : 0);
            net = a.backbone(pre.size());
            int h = head != null ? head : 0;
            if (numClasses != null || h > 0) {
                int n = numClasses != null ? numClasses : net.stateDict().get(a.classifierWeightKey()).size(0);
                net = a.replaceHead(net, n, h);
            }
            name = a.cliName();
        }
        spec.commandLine().getOut().print(ModelSummary.render(name, net, pre.channels(), pre.size()));
        return 0;
    }
}
