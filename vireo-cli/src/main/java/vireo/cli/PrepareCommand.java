package vireo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.datasets.FashionMnistImageFolder;

/**
 * {@code vireo datasets prepare fashion-mnist-folder}: an image folder ({@code train/}, {@code valid/},
 * {@code test/}, one sub-folder per class, JPEG files) cut from Fashion-MNIST, to try the folder workflow of
 * transfer learning on real pictures without downloading any. The work is vireo-data's
 * {@link FashionMnistImageFolder}; this maps options onto it and its errors onto one-line messages.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an image folder of JPEGs cut from a data set.",
                "fashion-mnist-folder: train/ from Fashion-MNIST's training images, valid/ and test/ from its "
                        + "test images (disjoint); the first images of each class in file order, or a seeded "
                        + "random choice with --seed. Running it again with the same settings reuses the folder."})
public final class PrepareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "fashion-mnist-folder")
    String name;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the folder to create")
    Path out;

    @Option(names = "--classes", paramLabel = "I,J,...", description = "class indices to keep (default: all 10)")
    String classes;

    @Option(names = "--per-class", paramLabel = "TRAIN[,VALID[,TEST]]", defaultValue = "100,50,50",
            description = "images per class in train/, valid/ and test/; a missing or 0 count leaves the split out "
                    + "(default: ${DEFAULT-VALUE})")
    String perClass;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "28",
            description = "side of the written images (bilinear resize; default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--seed", paramLabel = "S", description = "a seeded random choice instead of the first images")
    Long seed;

    @Option(names = "--quality", paramLabel = "Q", defaultValue = "0.75",
            description = "JPEG quality in (0, 1] (default: ${DEFAULT-VALUE})")
    float quality;

    @Option(names = "--overwrite", description = "replace a folder this command built with other settings")
    boolean overwrite;

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "where Fashion-MNIST's IDX files are (default: " + "/usr/share/datasets/fashion-mnist)")
    Path idxRoot;

    @Override
    public Integer call() throws IOException {
        if (!name.equals("fashion-mnist-folder")) {
            throw CliException.usage("unknown data set '" + name + "'; known: fashion-mnist-folder");
        }
        int[] counts = ints("--per-class", perClass);
        if (counts.length > 3) {
            throw CliException.usage("--per-class: expected TRAIN[,VALID[,TEST]], received " + perClass);
        }
        FashionMnistImageFolder folder;
        try {
            var b = FashionMnistImageFolder.builder(idxRoot != null ? idxRoot : FashionMNIST.DEBIAN_ROOT)
                    .perClass(count(counts, 0), count(counts, 1), count(counts, 2)).imageSize(size)
                    .jpegQuality(quality);
            if (classes != null) {
                b.classes(ints("--classes", classes));
            }
            if (seed != null) {
                b.seed(seed);
            }
            folder = b.build();
        } catch (IllegalArgumentException e) {
            // The builder names its own methods; the user knows the options.
            throw CliException.usage(e.getMessage().replaceFirst("^classes:", "--classes:")
                    .replaceFirst("^perClass:", "--per-class:").replaceFirst("^imageSize:", "--size:")
                    .replaceFirst("^jpegQuality:", "--quality:"));
        }
        var previous = FashionMnistImageFolder.recorded(out);
        if (previous.isPresent() && !folder.isBuiltIn(out) && !overwrite) {
            throw CliException.usage("--out " + out + " already holds a folder built with other settings ("
                    + previous.get() + "); pass --overwrite to replace it");
        }
        boolean wrote;
        try {
            wrote = folder.writeTo(out);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage().replaceFirst("^FashionMnistImageFolder: ", "--per-class: "));
        } catch (IllegalStateException e) {
            throw CliException.usage(e.getMessage().replaceFirst("^FashionMnistImageFolder: ", "--out: "));
        } catch (UncheckedIOException e) {
            throw CliException.usage("cannot read Fashion-MNIST: " + e.getMessage());
        }
        var stdout = spec.commandLine().getOut();
        if (wrote) {
            stdout.printf("wrote %d images of %d classes into %s%n", folder.imageCount(),
                    folder.classFolders().size(), out);
        } else {
            stdout.printf("%s already holds these %d images (same settings); nothing written%n", out,
                    folder.imageCount());
        }
        return 0;
    }

    private static int count(int[] counts, int i) {
        return i < counts.length ? counts[i] : 0;
    }

    private static int[] ints(String option, String text) {
        String[] parts = text.split(",");
        int[] v = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                v[i] = Integer.parseInt(parts[i].trim());
                if (v[i] < 0) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw CliException.usage(option + ": expected comma-separated non-negative integers, received '" + text
                    + "'");
        }
        return v;
    }
}
