package vireo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vireo.autograd.GradMode;
import vireo.json.Json;
import vireo.cli.model.LoadedModel;
import vireo.cli.model.ModelStore;
import vireo.tensor.Tensor;
import vireo.vision.datasets.ImageFolder;
import vireo.vision.io.ImageDecoder;

/** {@code vireo predict}: the most probable classes of images. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify images with a trained model (or a bare state dict with --arch; it is then fed as "
                + "torchvision's ImageNet preset: resize 256, center crop 224, normalize)."})
public final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|FILE",
            description = "a run folder or .vireo model, or a .safetensors/.pth state dict with --arch")
    Path model;

    @Option(names = "--arch", paramLabel = "NAME", description = "the architecture of a bare state dict")
    String arch;

    @Option(names = "--num-classes", paramLabel = "N", description = "classes of a bare state dict")
    Integer numClasses;

    @Option(names = "--topk", paramLabel = "K", defaultValue = "5", description = "default: ${DEFAULT-VALUE}")
    int topk;

    @Option(names = "--json", description = "print the predictions as JSON")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "IMAGES_OR_DIR", description = "image files or folders of images")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException {
        if (topk < 1) {
            throw CliException.usage("--topk: expected a positive number, received " + topk);
        }
        List<Path> images = collect();
        LoadedModel m = ModelStore.load(model, arch, numClasses);
        var pre = m.info().preprocessing().eval();
        List<String> classes = m.info().classes();
        List<Object> results = new ArrayList<>();
        var out = spec.commandLine().getOut();
        m.module().eval();
        for (Path p : images) {
            Tensor x;
            try {
                x = pre.apply(ImageDecoder.read(p));
            } catch (IOException e) {
                throw CliException.cannotRead("image", p, e);
            }
            float[] prob;
            try (var noGrad = GradMode.noGrad()) {
                prob = m.module().call(x.unsqueeze(0)).softmax(1).contiguous().floats();
            }
            int[] order = order(prob, Math.min(topk, prob.length));
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("image", p.toString());
            List<Object> top = new ArrayList<>();
            StringBuilder line = new StringBuilder(p.toString()).append(':');
            for (int k : order) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("class", classes.get(k));
                e.put("index", k);
                e.put("probability", (double) prob[k]);
                top.add(e);
                line.append(String.format(Locale.ROOT, "  %s %.4f", classes.get(k), prob[k]));
            }
            r.put("top", top);
            results.add(r);
            if (!json) {
                out.println(line);
            }
        }
        if (json) {
            out.println(Json.write(results));
        }
        return 0;
    }

    private List<Path> collect() throws IOException {
        List<Path> images = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                try (var walk = Files.walk(in)) {
                    walk.filter(Files::isRegularFile).filter(PredictCommand::isImage).sorted().forEach(images::add);
                }
            } else if (Files.isRegularFile(in)) {
                images.add(in);
            } else {
                throw CliException.usage("image " + in + " does not exist");
            }
        }
        if (images.isEmpty()) {
            throw CliException.usage("no images found in " + inputs + " (expected files ending in "
                    + ImageFolder.IMG_EXTENSIONS.stream().sorted().toList() + ")");
        }
        return images;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot >= 0 && ImageFolder.IMG_EXTENSIONS.contains(n.substring(dot));
    }

    private static int[] order(float[] p, int k) {
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(p[b], p[a]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
