package vireo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vireo.cli.data.DataOpener;
import vireo.cli.data.DataSplits;
import vireo.cli.data.ImageSamples;
import vireo.cli.data.ImageSource;
import vireo.cli.eval.Predictions;
import vireo.json.Json;
import vireo.cli.model.Archs;
import vireo.cli.model.LoadedModel;
import vireo.cli.model.ModelInfo;
import vireo.cli.model.ModelStore;
import vireo.cli.model.Preprocessing;
import vireo.cli.report.Report;
import vireo.cli.train.CachedFeatures;
import vireo.cli.train.Checkpoint;
import vireo.cli.train.RunFolder;
import vireo.cli.train.EpochStats;
import vireo.cli.train.TrainConfig;
import vireo.cli.train.StartingModel;
import vireo.cli.train.Trainer;
import vireo.data.DataLoader;
import vireo.nn.Module;
import vireo.optim.Adam;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;
import vireo.vision.models.Weights;

/**
 * {@code vireo train}: trains a classifier on an image folder or Fashion-MNIST/MNIST and writes a run folder:
 * {@code model.vireo} (the one-file model), {@code history.csv}, {@code metrics.json}, {@code report.html} and
 * its PNG charts, and {@code checkpoint/} (the last completed epoch, for {@code --resume}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an image classifier and write a run folder with the model, history, metrics and an "
                + "HTML report.",
                "DIR holds train/ and valid/ (and optionally test/) folders of classes, or is one folder of classes "
                        + "split with --split."})
public final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR|fashion-mnist|mnist", description = "the images to train on")
    String data;

    @Option(names = "--split", paramLabel = "TRAIN,VALID,TEST",
            description = "fractions for a single folder of classes (default 0.7,0.15,0.15)")
    String split;

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "where the IDX files of fashion-mnist/mnist are (default: /usr/share/datasets/...)")
    Path idxRoot;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "resnet18",
            description = "resnet50, resnet18, vgg16, lenet5 or cnn (default: ${DEFAULT-VALUE})")
    String arch;

    @Option(names = "--weights", paramLabel = "FILE|imagenet",
            description = "start from these weights (.pth or .safetensors, e.g. torchvision's ImageNet ones); "
                    + "imagenet: torchvision's default ImageNet weights for --arch, once fetched by "
                    + "'vireo datasets download ARCH'")
    Path weights;

    @Option(names = "--freeze", description = "train only the new head; the backbone (with --weights) stays fixed")
    boolean freeze;

    @Option(names = "--head", paramLabel = "UNITS", defaultValue = "0",
            description = "a hidden layer of this width before the classifier (default: none)")
    int head;

    @Option(names = "--epochs", paramLabel = "N", description = "epochs in all (default 10; with --resume: as saved)")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "32", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.001",
            description = "Adam's learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--augment", paramLabel = "none|light|strong", defaultValue = "none",
            description = "training augmentation (default: ${DEFAULT-VALUE})")
    String augment;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", defaultValue = "0",
            description = "stop after this many epochs without a lower validation loss and keep the best weights "
                    + "(default: off)")
    int patience;

    @Option(names = "--image-size", paramLabel = "PX",
            description = "input size (default: 224 for resnet/vgg, 28 for lenet5/cnn)")
    Integer imageSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
            description = "threads that decode and augment images ahead of training; 0 does it on the training "
                    + "thread. The results do not depend on it (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--feature-cache", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "with --freeze and --augment none, run the frozen backbone once over the images and train "
                    + "the head on its features (the same result up to the last float bits; default: on); "
                    + "--no-feature-cache recomputes them every epoch")
    boolean featureCache;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "the run folder (default: runs/ARCH-TIME)")
    Path out;

    @Option(names = "--overwrite", description = "replace an existing run folder")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "continue an interrupted run from its last completed epoch")
    Path resume;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(names = "--json", description = "print the result as JSON on stdout")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter log = quiet ? new PrintWriter(PrintWriter.nullWriter()) : spec.commandLine().getErr();
        if (workers < 0) {
            throw CliException.usage("--workers: expected 0 or more, received " + workers);
        }
        TrainConfig config;
        Path runDir;
        if (resume != null) {
            if (data != null || out != null) {
                throw CliException.usage("--resume continues a run with its saved settings; leave out --data and "
                        + "--out (only --epochs may change)");
            }
            runDir = resume;
            config = Checkpoint.config(runDir);
            if (epochs != null) {
                config = config.withEpochs(epochs);
            }
        } else {
            config = newConfig();
            runDir = out != null ? out : Path.of("runs", config.arch() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            RunFolder.prepare(runDir, overwrite);
        }
        Archs a = Archs.of(config.arch());
        DataSplits splits = DataOpener.open(config.data(), config.split(), config.seed(),
                config.idxRoot() == null ? null : Path.of(config.idxRoot()), w -> log.println("warning: " + w));
        List<String> classes = splits.classes();
        Vireo.manualSeed(config.seed());
        Preprocessing pre = a.preprocessing(config.imageSize());
        Module model = StartingModel.build(a, config, classes.size(), pre.size(), resume != null);
        List<Tensor> trainable = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            if (p.requiresGrad()) {
                trainable.add(p);
            }
        }
        Optimizer optimizer = new Adam(trainable, config.lr());
        var info = new ModelInfo(a, config.head(), classes, pre);
        log.printf("data: %s (%d classes; %d train, %d valid%s images)%n", splits.description(), classes.size(),
                splits.train().size(), splits.valid().size(),
                splits.test() == null ? "" : ", " + splits.test().size() + " test");
        log.printf("model: %s, %d of %d parameters trainable; run folder %s%n", a.cliName(),
                trainable.stream().mapToLong(Tensor::numel).sum(),
                model.parameters().stream().mapToLong(Tensor::numel).sum(), runDir);

        Trainer.Progress start = resume != null ? Checkpoint.restore(runDir, model, optimizer) : Trainer.start();
        if (resume != null) {
            log.printf("resuming after epoch %d of %d%n", start.epoch(), config.epochs());
        }
        RunFolder folder = RunFolder.create(runDir);
        final TrainConfig cfg = config;
        AtomicInteger lastEpoch = new AtomicInteger(start.epoch());
        AtomicBoolean finished = new AtomicBoolean(false);
        Thread hook = new Thread(() -> {
            if (!finished.get()) {
                System.err.println("\n" + folder.interrupted(lastEpoch.get()));
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        Trainer.Progress end;
        // Workers build batches in the loader's order with per-sample generators from (seed, epoch, index), so the
        // run is the same with any number of them (tested); it is not saved with the run for that reason.
        try (DataLoader<?> trainLoader = DataLoader.builder(new ImageSamples(splits.train(), pre.train(cfg.augment())))
                .batchSize(cfg.batchSize()).shuffle(true).seed(cfg.seed()).numWorkers(workers).build();
             DataLoader<?> validLoader = DataLoader.builder(new ImageSamples(splits.valid(), pre.eval()))
                     .batchSize(cfg.batchSize()).numWorkers(workers).build()) {
            var trainer = new Trainer(model, optimizer, trainLoader, validLoader, cfg.earlyStopping(), cfg.seed());
            if (cfg.freeze() && featureCache) {
                long t0 = System.nanoTime();
                switch (CachedFeatures.of(model, trainLoader, validLoader)) {
                    case CachedFeatures.Cached(CachedFeatures f) -> {
                        // The same batch size, shuffle and seed as the image loader: the same batches, in order.
                        DataLoader<?> featureTrain = DataLoader.builder(f.train()).batchSize(cfg.batchSize())
                                .shuffle(true).seed(cfg.seed()).build();
                        DataLoader<?> featureValid = DataLoader.builder(f.valid()).batchSize(cfg.batchSize()).build();
                        trainer = new Trainer(model, optimizer, featureTrain, featureValid, cfg.earlyStopping(),
                                cfg.seed()).throughHead(f.head());
                        log.printf(Locale.ROOT, "features: the frozen backbone ran once over the %d train and %d "
                                        + "valid images (%.1fs); the head trains on them%n", f.train().size(),
                                f.valid().size(), (System.nanoTime() - t0) / 1e9);
                    }
                    case CachedFeatures.NotCached(String why) ->
                            log.println("features: recomputed every epoch, not cached: " + why);
                }
            }
            // A live batch counter on a terminal only: in logs and pipes it would be noise.
            boolean live = !quiet && onTerminal();
            if (live) {
                trainer.onBatch((epoch, batch, batches, loss) -> {
                    log.printf(Locale.ROOT, "\repoch %d/%d  batch %d/%d  loss %.4f ", epoch, cfg.epochs(), batch,
                            batches, loss);
                    log.flush();
                });
            }
            end = trainer.fit(start, cfg.epochs(), p -> {
                Checkpoint.write(runDir, cfg, model, optimizer, p);
                writeHistory(runDir, p.history());
                lastEpoch.set(p.epoch());
                EpochStats s = p.history().get(p.history().size() - 1);
                log.printf(Locale.ROOT, (live ? "\r" : "")
                                + "epoch %d/%d  loss %.4f  acc %.4f  val_loss %.4f  val_acc %.4f  %.1fs%s%n",
                        s.epoch(), cfg.epochs(), s.trainLoss(), s.trainAccuracy(), s.validLoss(), s.validAccuracy(),
                        s.seconds(), p.stopped() ? "  (early stopping: best epoch " + p.bestEpoch() + ")" : "");
                log.flush();
            });
        } catch (Throwable failed) {
            folder.discardIfUnused();
            throw failed;
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook reports the checkpoint
            }
        }
        Path modelFile = ModelStore.save(runDir, model, info);
        writeHistory(runDir, end.history());
        var loaded = new LoadedModel(model, info);
        Predictions valid = Predictions.of(loaded, splits.valid(), cfg.batchSize());
        Predictions test = splits.test() == null ? null : Predictions.of(loaded, splits.test(), cfg.batchSize());
        int kept = cfg.earlyStopping() > 0 ? end.bestEpoch() : end.epoch();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epochs_run", end.epoch());
        metrics.put("best_epoch", end.bestEpoch());
        metrics.put("kept_epoch", kept);
        metrics.put("stopped_early", end.stopped());
        metrics.put("valid", valid.toJson());
        if (test != null) {
            metrics.put("test", test.toJson());
        }
        ModelStore.writeString(runDir.resolve("metrics.json"), Json.write(metrics) + "\n");
        Path html = report(runDir, cfg, a, splits, end, valid, test, kept).write(runDir);

        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("run_dir", runDir.toString());
            result.put("model", modelFile.toString());
            result.put("report", html.toString());
            result.putAll(metrics);
            result.put("history", end.history().stream().map(EpochStats::toJson).toList());
            stdout.println(Json.write(result));
        } else {
            stdout.printf(Locale.ROOT, "validation accuracy %.4f (top-%d %.4f)%s, kept epoch %d of %d%n",
                    valid.top1(), Math.min(5, classes.size()), valid.topK(5),
                    test == null ? "" : String.format(Locale.ROOT, ", test accuracy %.4f", test.top1()), kept,
                    end.epoch());
            stdout.println("model:  " + modelFile);
            stdout.println("report: " + html);
        }
        return 0;
    }

    /**
     * Whether the user watches a terminal. Since JDK 22 {@code System.console()} is non-null even in pipes and
     * {@code Console.isTerminal()} (JDK 22+, called reflectively as this compiles for 21) tells the difference.
     */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    private TrainConfig newConfig() {
        if (data == null) {
            throw CliException.usage("missing --data DIR|fashion-mnist|mnist (or --resume RUN_DIR)");
        }
        Archs a = Archs.of(arch);
        if (!List.of("none", "light", "strong").contains(augment)) {
            throw CliException.usage("--augment: expected none, light or strong, received '" + augment + "'");
        }
        int e = epochs != null ? epochs : 10;
        positive("--epochs", e);
        positive("--batch-size", batchSize);
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw CliException.usage("--lr: expected a positive number, received " + lr);
        }
        if (patience < 0 || head < 0) {
            throw CliException.usage("--early-stopping and --head: expected 0 or more");
        }
        if (imageSize != null) {
            positive("--image-size", imageSize);
        }
        if (freeze && weights == null) {
            throw CliException.usage("--freeze keeps the backbone fixed, which only makes sense with --weights FILE");
        }
        if (weights != null && weights.toString().equals("imagenet") && !Files.exists(weights)) {
            weights = imagenetWeights(a.cliName());
        }
        if (weights != null && !Files.isRegularFile(weights)) {
            throw CliException.notThere("--weights", weights, "a .safetensors, .pth or .pt file, or imagenet");
        }
        return new TrainConfig(data, parseSplit(), idxRoot == null ? null : idxRoot.toString(), a.cliName(),
                weights == null ? null : weights.toAbsolutePath().toString(), freeze, head, e, batchSize, lr, augment,
                patience, imageSize != null ? imageSize : a.defaultImageSize(), seed);
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw CliException.usage(name + ": expected a positive number, received " + v);
        }
    }

    private double[] parseSplit() {
        if (split == null) {
            return null;
        }
        String[] parts = split.split(",");
        if (parts.length < 2 || parts.length > 3) {
            throw CliException.usage("--split: expected TRAIN,VALID[,TEST] fractions, received '" + split + "'");
        }
        double[] f = new double[3];
        try {
            for (int i = 0; i < parts.length; i++) {
                f[i] = Double.parseDouble(parts[i].trim());
            }
        } catch (NumberFormatException e) {
            throw CliException.usage("--split: expected numbers, received '" + split + "'");
        }
        return f;
    }

    /**
     * {@code --weights imagenet}: torchvision's default ImageNet file for {@code arch} in Vireo's weight cache. Nothing
     * is fetched here: downloads are explicit, so a missing file says which command fetches it.
     */
    private static Path imagenetWeights(String arch) {
        Weights w = DownloadCommand.byArch(arch);
        if (w == null) {
            throw CliException.usage("--weights imagenet: there are no ImageNet weights for " + arch
                    + "; give a weights file or train from random initialisation");
        }
        Path file = Weights.defaultCacheDir().resolve(w.fileName());
        if (!Files.isRegularFile(file)) {
            throw CliException.usage("--weights imagenet: " + w.fileName() + " is not in " + file.getParent()
                    + "; fetch it once with: vireo datasets download " + arch);
        }
        return file;
    }

    private static void writeHistory(Path runDir, List<EpochStats> history) throws IOException {
        StringBuilder sb = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
        history.forEach(s -> sb.append(s.toCsv()).append('\n'));
        ModelStore.writeString(runDir.resolve("history.csv"), sb.toString());
    }

    private static Report report(Path runDir, TrainConfig c, Archs a, DataSplits splits, Trainer.Progress end,
                                 Predictions valid, Predictions test, int kept) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("data", splits.description());
        summary.put("classes", String.join(", ", splits.classes()));
        summary.put("architecture", a.cliName() + (c.head() > 0 ? " + head " + c.head() : "")
                + (c.weights() != null ? ", weights " + Path.of(c.weights()).getFileName() : ", random init")
                + (c.freeze() ? ", backbone frozen" : ""));
        summary.put("training", String.format(Locale.ROOT, "%d epochs run (kept %d), batch %d, Adam lr %s, "
                        + "augment %s, image %dpx, seed %d%s", end.epoch(), kept, c.batchSize(), c.lr(), c.augment(),
                c.imageSize(), c.seed(), c.earlyStopping() > 0 ? ", early stopping patience " + c.earlyStopping()
                        : ""));
        summary.put("validation accuracy", String.format(Locale.ROOT, "top-1 %.4f, top-%d %.4f (%d images)",
                valid.top1(), Math.min(5, valid.classes().size()), valid.topK(5), valid.size()));
        if (test != null) {
            summary.put("test accuracy", String.format(Locale.ROOT, "top-1 %.4f (%d images)", test.top1(),
                    test.size()));
        }
        summary.put("run folder", runDir.toAbsolutePath().toString());
        Map<String, long[]> counts = new LinkedHashMap<>();
        counts.put("train", splits.train().classCounts());
        counts.put("valid", splits.valid().classCounts());
        if (splits.test() != null) {
            counts.put("test", splits.test().classCounts());
        }
        return new Report("Vireo training report: " + runDir.getFileName(), summary, end.history(), end.bestEpoch(),
                c.earlyStopping() > 0, valid, counts.get("train"), counts, sampleSizes(splits, 300));
    }

    /** Sizes of up to {@code max} images spread over all splits (reading headers only where possible). */
    static List<int[]> sampleSizes(DataSplits splits, int max) {
        List<ImageSource> sources = new ArrayList<>(List.of(splits.train(), splits.valid()));
        if (splits.test() != null) {
            sources.add(splits.test());
        }
        int total = sources.stream().mapToInt(ImageSource::size).sum();
        List<int[]> sizes = new ArrayList<>();
        int step = Math.max(1, total / max);
        int at = 0;
        for (ImageSource s : sources) {
            for (int i = 0; i < s.size(); i++, at++) {
                if (at % step == 0 && sizes.size() < max) {
                    sizes.add(s.imageSize(i));
                }
            }
        }
        return sizes;
    }
}
