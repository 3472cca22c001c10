package vireo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vireo.cli.data.DataOpener;
import vireo.cli.data.FolderSource;
import vireo.cli.data.ImageSource;
import vireo.cli.eval.Predictions;
import vireo.json.Json;
import vireo.cli.model.LoadedModel;
import vireo.cli.model.ModelStore;

/** {@code vireo evaluate}: accuracy, per-class accuracy and the confusion matrix of a model on labelled images. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a model on labelled images: top-1, top-5, per-class accuracy, confusion matrix.",
                "DIR is a folder of classes; a folder with train/ and valid/ is evaluated on its test/ (else "
                        + "valid/); fashion-mnist and mnist on their test sets."})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|FILE",
            description = "a run folder or .vireo model, or a .safetensors/.pth state dict with --arch")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "DIR|fashion-mnist|mnist")
    String data;

    @Option(names = "--data-root", paramLabel = "DIR", description = "where the IDX files of fashion-mnist/mnist are")
    Path idxRoot;

    @Option(names = "--arch", paramLabel = "NAME", description = "the architecture of a bare state dict")
    String arch;

    @Option(names = "--num-classes", paramLabel = "N", description = "classes of a bare state dict")
    Integer numClasses;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32")
    int batchSize;

    @Option(names = "--json", description = "print the metrics as JSON")
    boolean json;

    @Override
    public Integer call() {
        LoadedModel m = ModelStore.load(model, arch, numClasses);
        ImageSource source = source();
        if (m.info().hasClassNames() && !source.classes().equals(m.info().classes())) {
            throw CliException.usage("the classes of " + data + " " + source.classes()
                    + " differ from the model's " + m.info().classes());
        }
        if (source.classes().size() != m.info().classes().size()) {
            throw CliException.usage(data + " has " + source.classes().size() + " classes, the model "
                    + m.info().classes().size());
        }
        Predictions p = Predictions.of(m, source, batchSize);
        var named = new Predictions(p.source(), source.classes(), p.probabilities(), p.labels());
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model", model.toString());
            out.put("data", data);
            out.putAll(named.toJson());
            spec.commandLine().getOut().println(Json.write(out));
        } else {
            spec.commandLine().getOut().print(named.toText());
        }
        return 0;
    }

    private ImageSource source() {
        if (data.equals("fashion-mnist") || data.equals("mnist")) {
            return DataOpener.open(data, null, 0, idxRoot, w -> { }).test();
        }
        Path dir = Path.of(data);
        if (Files.isDirectory(dir.resolve("train"))) {
            for (String s : new String[]{"test", "valid", "val", "validation"}) {
                if (Files.isDirectory(dir.resolve(s))) {
                    return new FolderSource(DataOpener.folder(dir.resolve(s), this::warn));
                }
            }
        }
        return new FolderSource(DataOpener.folder(dir, this::warn));
    }

    private void warn(String w) {
        spec.commandLine().getErr().println("warning: " + w);
    }
}
