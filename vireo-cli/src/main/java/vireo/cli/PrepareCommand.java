package vireo.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vireo.cli.data.DataOpener;
import vireo.cli.data.DataSplits;
import vireo.cli.data.ImageSource;
import vireo.cli.report.Charts;
import vireo.vision.io.Image;
import vireo.vision.transforms.Resize;

/**
 * {@code vireo datasets prepare fashion-mnist-folder}: an image folder ({@code train/}, {@code valid/},
 * {@code test/}, one sub-folder per class, JPEG files) cut from Fashion-MNIST, to try the folder workflow of
 * transfer learning on real pictures without downloading any.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write an image folder of JPEGs cut from a data set.",
                "fashion-mnist-folder: train/ from Fashion-MNIST's training images, valid/ and test/ from its "
                        + "test images (disjoint); the first images of each class in file order."})
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
            description = "images per class in train/, valid/ and test/ (default: ${DEFAULT-VALUE})")
    String perClass;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "28",
            description = "side of the written images (bilinear resize; default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--data-root", paramLabel = "DIR", description = "where Fashion-MNIST's IDX files are")
    Path idxRoot;

    @Override
    public Integer call() throws IOException {
        if (!name.equals("fashion-mnist-folder")) {
            throw CliException.usage("unknown data set '" + name + "'; known: fashion-mnist-folder");
        }
        if (size < 1) {
            throw CliException.usage("--size: expected a positive number, received " + size);
        }
        int[] counts = ints("--per-class", perClass);
        if (counts.length > 3) {
            throw CliException.usage("--per-class: expected TRAIN[,VALID[,TEST]], received " + perClass);
        }
        if (Files.exists(out)) {
            try (var s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw CliException.usage("--out " + out + " already exists and is not empty");
                }
            }
        }
        DataSplits fm = DataOpener.open("fashion-mnist", null, 0, idxRoot, w -> { });
        List<String> names = fm.classes();
        int[] keep = classes == null ? java.util.stream.IntStream.range(0, names.size()).toArray()
                : ints("--classes", classes);
        for (int k : keep) {
            if (k < 0 || k >= names.size()) {
                throw CliException.usage("--classes: expected indices 0.." + (names.size() - 1) + ", received " + k);
            }
        }
        // The training part and the (held-out) test part of Fashion-MNIST; valid and test both come from the latter.
        ImageSource trainPart = fm.train();
        ImageSource testPart = fm.test();
        String[] splitNames = {"train", "valid", "test"};
        var resize = new Resize(size);
        long written = 0;
        for (int k : keep) {
            String dirName = names.get(k).replaceAll("[^A-Za-z0-9._-]+", "_");
            List<Integer> trainIdx = ofClass(trainPart, k);
            List<Integer> testIdx = ofClass(testPart, k);
            int testAt = 0;
            for (int s = 0; s < counts.length; s++) {
                ImageSource src = s == 0 ? trainPart : testPart;
                List<Integer> pool = s == 0 ? trainIdx : testIdx;
                int from = s == 0 ? 0 : testAt;
                if (from + counts[s] > pool.size()) {
                    throw CliException.usage("--per-class: class " + k + " (" + names.get(k) + ") has "
                            + (s == 0 ? pool.size() + " training images" : pool.size() + " test images for valid and test")
                            + ", fewer than asked");
                }
                Path dir = out.resolve(splitNames[s]).resolve(dirName);
                Files.createDirectories(dir);
                for (int j = 0; j < counts[s]; j++) {
                    int i = pool.get(from + j);
                    Image img = src.image(i);
                    if (size != img.width()) {
                        img = resize.apply(img);
                    }
                    String file = String.format("%s-%05d.jpg", s == 0 ? "train" : "test", i);
                    if (!ImageIO.write(Charts.toBufferedImage(img), "jpg", dir.resolve(file).toFile())) {
                        throw new IOException("no JPEG writer available");
                    }
                    written++;
                }
                if (s > 0) {
                    testAt += counts[s];
                }
            }
        }
        spec.commandLine().getOut().printf("wrote %d images of %d classes into %s%n", written, keep.length, out);
        return 0;
    }

    private static List<Integer> ofClass(ImageSource s, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (s.label(i) == k) {
                idx.add(i);
            }
        }
        return idx;
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
