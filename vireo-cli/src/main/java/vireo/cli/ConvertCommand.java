package vireo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vireo.io.TensorFiles;
import vireo.tensor.Tensor;

/** {@code vireo convert IN OUT}: a state dict between PyTorch {@code .pth} and {@code .safetensors}. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a state dict between PyTorch .pth/.pt and .safetensors (format from the extension).")
public final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "a .pth, .pt or .safetensors file")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "the file to write (.pth, .pt or .safetensors)")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(in)) {
            throw CliException.usage("input " + in + " does not exist");
        }
        for (Path p : new Path[]{in, out}) {
            String n = p.getFileName().toString();
            if (!(n.endsWith(".pth") || n.endsWith(".pt") || n.endsWith(".safetensors"))) {
                throw CliException.usage(p + ": expected a .pth, .pt or .safetensors file name");
            }
        }
        Map<String, Tensor> tensors;
        try {
            tensors = TensorFiles.load(in);
        } catch (java.io.IOException | RuntimeException e) {
            throw CliException.usage("cannot read " + in + ": " + e.getMessage());
        }
        TensorFiles.save(tensors, out);
        long n = tensors.values().stream().mapToLong(Tensor::numel).sum();
        spec.commandLine().getOut().printf("%s -> %s: %d tensors, %,d values%n", in, out, tensors.size(), n);
        return 0;
    }
}
