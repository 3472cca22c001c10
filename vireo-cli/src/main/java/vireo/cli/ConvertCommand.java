package vireo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vireo.cli.model.LoadedModel;
import vireo.cli.model.ModelInfo;
import vireo.cli.model.ModelStore;
import vireo.io.TensorFiles;
import vireo.tensor.Tensor;

/**
 * {@code vireo convert IN OUT}: between PyTorch {@code .pth}, {@code .safetensors} and the one-file {@code .vireo}
 * model. From a {@code .vireo} the state dict is written; to one, the state dict is described like a bare state
 * dict for {@code predict} ({@code --arch}, optionally {@code --num-classes}) and checked to fit.
 */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Convert between PyTorch .pth/.pt, .safetensors and .vireo models (format from the extension).",
                "To .vireo, say the architecture with --arch (and --classes to name the outputs)."})
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "a .pth, .pt, .safetensors or .vireo file")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write (.pth, .pt, .safetensors or .vireo)")
    Path out;

    @Option(names = "--arch", paramLabel = "NAME", description = "the architecture, to write a .vireo model")
    String arch;

    @Option(names = "--num-classes", paramLabel = "N", description = "classes (default: the classifier weight's rows)")
    Integer numClasses;

    @Option(names = "--classes", paramLabel = "NAME", split = ",",
            description = "the class names in output order, comma-separated (default: class 0, class 1, ...)")
    List<String> classes;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(in)) {
            throw CliException.notThere("input", in, "a .pth, .pt, .safetensors or .vireo file");
        }
        for (Path p : new Path[]{in, out}) {
            String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (!(n.endsWith(".pth") || n.endsWith(".pt") || n.endsWith(".safetensors") || n.endsWith(".vireo"))) {
                throw CliException.usage(p + ": expected a .pth, .pt, .safetensors or .vireo file name");
            }
        }
        boolean toModel = ModelStore.isModelFile(out);
        if (ModelStore.isModelFile(in) && toModel) {
            throw CliException.usage("both " + in + " and " + out + " are .vireo models; nothing to convert");
        }
        if (!toModel && (arch != null || numClasses != null || classes != null)) {
            throw CliException.usage("--arch, --num-classes and --classes describe a .vireo model to write; "
                    + out + " is a state dict");
        }
        Map<String, Tensor> tensors;
        if (toModel) {
            if (arch == null) {
                throw CliException.usage("to write a .vireo model, say which architecture " + in
                        + " holds with --arch");
            }
            if (classes != null && numClasses != null && classes.size() != numClasses) {
                throw CliException.usage("--classes names " + classes.size() + " classes, --num-classes says "
                        + numClasses);
            }
            // Loading builds the network and checks that every weight fits it before anything is written.
            LoadedModel m = ModelStore.load(in, arch, classes != null ? Integer.valueOf(classes.size()) : numClasses);
            ModelInfo info = m.info();
            if (classes != null) {
                info = new ModelInfo(info.arch(), info.head(), List.copyOf(classes), info.preprocessing());
            }
            tensors = m.module().stateDict();
            ModelStore.write(out, tensors, info);
        } else {
            tensors = ModelStore.stateDict(in);
            TensorFiles.save(tensors, out);
        }
        long n = tensors.values().stream().mapToLong(Tensor::numel).sum();
        spec.commandLine().getOut().printf("%s -> %s: %d tensors, %,d values%n", in, out, tensors.size(), n);
        return 0;
    }
}
