package vireo.cli.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import vireo.cli.CliException;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.datasets.IdxImageDataset;
import vireo.vision.datasets.ImageFolder;
import vireo.vision.datasets.ImageFolderSplit;
import vireo.vision.datasets.MNIST;

/**
 * Opens {@code --data}: {@code fashion-mnist} / {@code mnist} (the IDX files, from {@code --data-root} or Debian's
 * package), a folder with {@code train/} and {@code valid/} (and optionally {@code test/}) sub-folders, or one
 * folder of classes split by fractions. Every problem is a usage error naming the folder and what was expected.
 */
public final class DataOpener {

    /** Fraction of the IDX training set held out for validation (the last images, so the split is fixed). */
    static final double IDX_VALID_FRACTION = 0.1;

    private DataOpener() {
    }

    /**
     * @param split train/valid/test fractions for a single folder of classes, or null for the default 0.7,0.15,0.15
     * @param idxRoot where IDX files live; null for the Debian package's folder
     * @param warnings receives lines about skipped files
     */
    public static DataSplits open(String data, double[] split, long seed, Path idxRoot, Consumer<String> warnings) {
        return switch (data) {
            case "fashion-mnist" -> openIdx("fashion-mnist", true,
                    idxRoot != null ? idxRoot : FashionMNIST.DEBIAN_ROOT);
            case "mnist" -> openIdx("mnist", false, idxRoot != null ? idxRoot : Path.of("/usr/share/datasets/mnist"));
            default -> openFolder(Path.of(data), split, seed, warnings);
        };
    }

    private static DataSplits openIdx(String name, boolean fashion, Path root) {
        try {
            IdxImageDataset train = fashion ? FashionMNIST.builder(root).train(true).build()
                    : MNIST.builder(root).train(true).build();
            IdxImageDataset test = fashion ? FashionMNIST.builder(root).train(false).build()
                    : MNIST.builder(root).train(false).build();
            int n = train.size();
            int nValid = (int) Math.round(n * IDX_VALID_FRACTION);
            var all = new IdxSource(name + "-train", train.images(), train.labels(), train.classes(),
                    IntStream.range(0, n).toArray());
            IdxSource tr = all.subset(IntStream.range(0, n - nValid).toArray());
            IdxSource va = all.subset(IntStream.range(n - nValid, n).toArray());
            IdxSource te = new IdxSource(name + "-test", test.images(), test.labels(), test.classes(),
                    IntStream.range(0, test.size()).toArray());
            return new DataSplits(name + " (" + root + ")", tr, va, te);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw CliException.usage("cannot open " + name + " in " + root + ": " + why + (why.endsWith(".") ? "" : ".")
                    + " From the command line: vireo datasets download " + name + " --root DIR, then --data-root DIR.");
        }
    }

    private static DataSplits openFolder(Path dir, double[] split, long seed, Consumer<String> warnings) {
        if (!Files.isDirectory(dir)) {
            throw CliException.notThere("data folder", dir, "a folder, fashion-mnist or mnist");
        }
        Path train = dir.resolve("train");
        Path valid = firstDir(dir.resolve("valid"), dir.resolve("val"), dir.resolve("validation"));
        if (Files.isDirectory(train) && valid != null) {
            if (split != null) {
                throw CliException.usage("--split is for a single folder of classes, but " + dir
                        + " already has train/ and " + valid.getFileName() + "/");
            }
            ImageFolder tr = folder(train, warnings);
            ImageFolder va = folder(valid, warnings);
            if (!tr.classes().equals(va.classes())) {
                throw CliException.usage("the classes of " + train + " " + tr.classes() + " differ from those of "
                        + valid + " " + va.classes());
            }
            Path test = dir.resolve("test");
            FolderSource te = null;
            if (Files.isDirectory(test)) {
                ImageFolder t = folder(test, warnings);
                if (!t.classes().equals(tr.classes())) {
                    throw CliException.usage("the classes of " + test + " " + t.classes() + " differ from those of "
                            + train + " " + tr.classes());
                }
                te = new FolderSource(t);
            }
            return new DataSplits(dir.toString(), new FolderSource(tr), new FolderSource(va), te);
        }
        double[] f = split != null ? split : new double[]{0.7, 0.15, 0.15};
        ImageFolder all = folder(dir, warnings);
        ImageFolderSplit s;
        try {
            s = all.split(f[0], f[1], f[2], seed);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--split: " + e.getMessage());
        }
        if (s.train().size() == 0 || s.valid().size() == 0) {
            throw CliException.usage("splitting " + dir + " (" + all.size() + " images) by " + f[0] + "," + f[1]
                    + "," + f[2] + " leaves " + s.train().size() + " training and " + s.valid().size()
                    + " validation images; expected at least one of each");
        }
        return new DataSplits(dir + " split " + f[0] + "/" + f[1] + "/" + f[2] + " (seed " + seed + ")",
                new FolderSource(s.train()), new FolderSource(s.valid()),
                s.test().size() > 0 ? new FolderSource(s.test()) : null);
    }

    private static Path firstDir(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /** An image folder of at least two classes, or a usage error saying what was found. */
    public static ImageFolder folder(Path dir, Consumer<String> warnings) {
        if (!Files.isDirectory(dir)) {
            throw CliException.notThere("data folder", dir, "a folder of class folders");
        }
        List<String> subdirs = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(Files::isDirectory).forEach(p -> subdirs.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (subdirs.isEmpty()) {
            throw CliException.usage("data folder " + dir + " has no class sub-folders; expected " + dir
                    + "/CLASS/IMAGE.jpg with at least two classes (or train/ and valid/ folders of those)");
        }
        ImageFolder folder;
        try {
            folder = ImageFolder.builder(dir).warnings(warnings).build();
        } catch (RuntimeException e) {
            throw CliException.usage("cannot read the image folder " + dir + ": " + e.getMessage());
        }
        if (folder.classes().size() < 2) {
            throw CliException.usage("data folder " + dir + " has one class (" + folder.classes()
                    + "); a classifier needs at least two class sub-folders");
        }
        if (folder.size() == 0) {
            throw CliException.usage("data folder " + dir + " has no images");
        }
        return folder;
    }
}
