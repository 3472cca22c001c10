package vireo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vireo.cli.train.RunFolder;
import vireo.json.Json;
import vireo.io.TensorFiles;
import vireo.io.VireoArchive;
import vireo.tensor.Tensor;
import vireo.vision.models.ResNet;

class TrainCommandTest {

    @TempDir
    Path tmp;

    @Test
    void trainsACnnAndWritesTheRunFolder() throws Exception {
        Path data = Cli.stripeSplits(tmp.resolve("data"), 16, 6, 4, 28);
        Path run = tmp.resolve("run");
        var r = Cli.run("train", "--data", data.toString(), "--arch", "cnn", "--epochs", "2", "--batch-size", "8",
                "--out", run.toString(), "--json", "--seed", "1");
        assertEquals(0, r.code(), r.toString());
        for (String f : List.of("model.vireo", "history.csv", "metrics.json", "report.html",
                "curves.png", "confusion_matrix.png", "per_class_accuracy.png", "validation_samples.png",
                "worst_mistakes.png", "dataset_overview.png", "checkpoint/state.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " missing; " + r);
        }
        Map<?, ?> result = (Map<?, ?>) Json.parse(r.out());
        assertEquals(2L, result.get("epochs_run"));
        Map<?, ?> valid = (Map<?, ?>) result.get("valid");
        assertEquals(12L, valid.get("images"));
        assertTrue(result.containsKey("test"));
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals(3, history.size(), history.toString());
        assertEquals(run.resolve("model.vireo").toString(), result.get("model"));
        Map<?, ?> info = (Map<?, ?>) VireoArchive.read(run.resolve("model.vireo")).json("config.json").get("config");
        assertEquals(List.of("horizontal", "vertical"), info.get("classes"));
        assertEquals("cnn", info.get("arch"));
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("data:image/png;base64,"), "charts and inlined images");
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "no external resources");
    }

    @Test
    void resumeContinuesFromTheLastCompletedEpoch() throws Exception {
        Path data = Cli.stripes(tmp.resolve("one"), 10, 28, 4);
        Path run = tmp.resolve("run");
        var first = Cli.run("train", "--data", data.toString(), "--split", "0.6,0.4", "--arch", "cnn",
                "--augment", "strong", "--epochs", "1", "--batch-size", "8", "--out", run.toString(), "--quiet");
        assertEquals(0, first.code(), first.toString());
        var again = Cli.run("train", "--resume", run.toString(), "--epochs", "2", "--json");
        assertEquals(0, again.code(), again.toString());
        assertTrue(again.err().contains("resuming after epoch 1 of 2"), again.err());
        Map<?, ?> result = (Map<?, ?>) Json.parse(again.out());
        assertEquals(2L, result.get("epochs_run"));
        assertEquals(3, Files.readAllLines(run.resolve("history.csv")).size());
        // Shuffling, augmentation and dropout draw from (seed, epoch[, sample]): 1 + 1 epochs == 2 epochs.
        Path straight = tmp.resolve("straight");
        var two = Cli.run("train", "--data", data.toString(), "--split", "0.6,0.4", "--arch", "cnn",
                "--augment", "strong", "--epochs", "2", "--batch-size", "8", "--out", straight.toString(), "--quiet");
        assertEquals(0, two.code(), two.toString());
        assertEquals(dropSeconds(Files.readAllLines(straight.resolve("history.csv"))),
                dropSeconds(Files.readAllLines(run.resolve("history.csv"))));
        // Only the last epoch's files stay in the checkpoint folder.
        try (var files = Files.list(run.resolve("checkpoint"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith("epoch-0001.model")));
        }
    }

    @Test
    void workersDoNotChangeTheRun() throws Exception {
        Path data = Cli.stripes(tmp.resolve("one"), 8, 28, 5);
        List<List<String>> histories = new java.util.ArrayList<>();
        for (String workers : List.of("0", "3")) {
            Path run = tmp.resolve("run-" + workers);
            var r = Cli.run("train", "--data", data.toString(), "--split", "0.6,0.4", "--arch", "cnn", "--augment",
                    "strong", "--epochs", "2", "--batch-size", "4", "--workers", workers, "--out", run.toString(),
                    "--quiet");
            assertEquals(0, r.code(), r.toString());
            histories.add(dropSeconds(Files.readAllLines(run.resolve("history.csv"))));
        }
        assertEquals(histories.get(0), histories.get(1));
        usage("--workers: expected 0 or more, received -1", "train", "--data", data.toString(), "--workers", "-1");
    }

    @Test
    void earlyStoppingKeepsTheBestEpoch() throws Exception {
        Path data = Cli.stripeSplits(tmp.resolve("data"), 8, 4, 0, 28);
        Path run = tmp.resolve("run");
        // A learning rate far too high makes the validation loss stop improving quickly.
        var r = Cli.run("train", "--data", data.toString(), "--arch", "cnn", "--epochs", "6", "--lr", "5",
                "--early-stopping", "1", "--batch-size", "4", "--out", run.toString(), "--json");
        assertEquals(0, r.code(), r.toString());
        Map<?, ?> result = (Map<?, ?>) Json.parse(r.out());
        long best = (Long) result.get("best_epoch");
        long ran = (Long) result.get("epochs_run");
        assertEquals(best, (Long) result.get("kept_epoch"));
        List<?> history = (List<?>) result.get("history");
        double bestLoss = ((Number) ((Map<?, ?>) history.get((int) best - 1)).get("valid_loss")).doubleValue();
        for (Object h : history) {
            assertTrue(((Number) ((Map<?, ?>) h).get("valid_loss")).doubleValue() >= bestLoss);
        }
        if (ran < 6) {
            assertEquals(Boolean.TRUE, result.get("stopped_early"));
            assertEquals(best + 1, ran);
        }
    }

    @Test
    void transferLearningFromWeightsTrainsOnlyTheNewHead() throws Exception {
        // Stand-in "pretrained" weights: a fresh torchvision-shaped ResNet-18 (1000 classes) saved as .pth.
        Path weights = tmp.resolve("resnet18.pth");
        TensorFiles.save(ResNet.resnet18().stateDict(), weights);
        Map<String, Tensor> before = TensorFiles.load(weights);
        Path data = Cli.stripes(tmp.resolve("data"), 6, 40, 2);
        Path run = tmp.resolve("run");
        var r = Cli.run("train", "--data", data.toString(), "--split", "0.5,0.5,0", "--arch", "resnet18",
                "--weights", weights.toString(), "--freeze", "--image-size", "32", "--epochs", "1",
                "--batch-size", "6", "--lr", "0.01", "--out", run.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("1026 of 11177538 parameters trainable"), r.err());
        Map<String, Tensor> after = VireoArchive.read(run.resolve("model.vireo")).tensors("model.safetensors")
                .tensors();
        assertEquals(List.of(2, 512), java.util.Arrays.stream(after.get("fc.weight").shape()).boxed().toList());
        for (String k : List.of("conv1.weight", "layer4.1.conv2.weight", "bn1.running_mean", "layer1.0.bn1.running_var")) {
            assertTrue(java.util.Arrays.equals(before.get(k).toFloatArray(), after.get(k).toFloatArray()),
                    k + " changed although the backbone is frozen");
        }
        var p = Cli.run("predict", "--model", run.toString(), data.resolve("vertical").toString());
        assertEquals(0, p.code(), p.toString());
    }

    @Test
    void aFrozenBackboneRunsOnceAndTheHeadTrainsOnItsFeatures() throws Exception {
        Path weights = tmp.resolve("resnet18.pth");
        TensorFiles.save(ResNet.resnet18().stateDict(), weights);
        Path data = Cli.stripes(tmp.resolve("data"), 6, 40, 2);
        List<List<double[]>> histories = new java.util.ArrayList<>();
        for (String cache : List.of("--feature-cache", "--no-feature-cache")) {
            Path run = tmp.resolve("run" + cache);
            var r = Cli.run("train", "--data", data.toString(), "--split", "0.5,0.5,0", "--arch", "resnet18",
                    "--weights", weights.toString(), "--freeze", "--image-size", "32", "--epochs", "3",
                    "--batch-size", "4", "--lr", "0.01", "--out", run.toString(), cache);
            assertEquals(0, r.code(), r.toString());
            assertEquals(cache.equals("--feature-cache"), r.err().contains("features: the frozen backbone ran once "
                    + "over the 6 train and 6 valid images"), r.err());
            histories.add(Files.readAllLines(run.resolve("history.csv")).stream().skip(1)
                    .map(l -> java.util.Arrays.stream(l.split(",")).limit(5).mapToDouble(Double::parseDouble)
                            .toArray()).toList());
        }
        // Same batches through the same network: equal up to the features' last float bits.
        for (int e = 0; e < 3; e++) {
            double[] cached = histories.get(0).get(e);
            double[] recomputed = histories.get(1).get(e);
            for (int k = 0; k < cached.length; k++) {
                assertEquals(recomputed[k], cached[k], 1e-4, "epoch " + (e + 1) + ", column " + k);
            }
        }
        var augmented = Cli.run("train", "--data", data.toString(), "--split", "0.5,0.5,0", "--arch", "resnet18",
                "--weights", weights.toString(), "--freeze", "--image-size", "32", "--epochs", "1", "--augment",
                "light", "--batch-size", "4", "--out", tmp.resolve("aug").toString());
        assertEquals(0, augmented.code(), augmented.toString());
        assertTrue(augmented.err().contains("features: recomputed every epoch, not cached: the images are randomly "
                + "augmented"), augmented.err());
    }

    @Test
    void badInputIsAUsageErrorWithOneLine() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path oneClass = Files.createDirectories(tmp.resolve("oneclass"));
        Cli.stripes(tmp.resolve("tmp1"), 3, 16, 1);
        Files.move(tmp.resolve("tmp1/horizontal"), oneClass.resolve("horizontal"));
        Path data = Cli.stripes(tmp.resolve("data"), 4, 16, 1);
        Path existing = Files.createDirectories(tmp.resolve("existing"));
        Files.writeString(existing.resolve("notes.txt"), "mine");

        usage("does not exist", "train", "--data", tmp.resolve("missing").toString());
        usage("data folder " + existing.resolve("notes.txt") + " is a file (expected a folder, fashion-mnist or mnist)",
                "train", "--data", existing.resolve("notes.txt").toString());
        usage("--weights " + existing + " is a folder (expected a .safetensors, .pth or .pt file, or imagenet)",
                "train", "--data", data.toString(), "--weights", existing.toString());
        usage("--out " + existing.resolve("notes.txt") + " is a file (expected a folder for the run)",
                "train", "--data", data.toString(), "--arch", "cnn", "--out", existing.resolve("notes.txt").toString());
        usage("no class sub-folders", "train", "--data", empty.toString());
        usage("has one class", "train", "--data", oneClass.toString());
        usage("known: resnet50, resnet18, vgg16, lenet5, cnn", "train", "--data", data.toString(), "--arch", "alexnet");
        usage("already exists; pass --overwrite", "train", "--data", data.toString(), "--arch", "cnn",
                "--out", existing.toString());
        usage("does not look like a vireo run folder", "train", "--data", data.toString(), "--arch", "cnn",
                "--out", existing.toString(), "--overwrite");
        usage("only makes sense with --weights", "train", "--data", data.toString(), "--freeze");
        usage("there are no ImageNet weights for lenet5", "train", "--data", data.toString(), "--arch", "lenet5",
                "--weights", "imagenet");
        String home = System.getProperty("user.home");
        System.setProperty("user.home", tmp.toString());  // an empty weight cache (unless VIREO_HOME names another)
        try {
            usage("; fetch it once with: vireo datasets download resnet18", "train", "--data", data.toString(),
                    "--arch", "resnet18", "--weights", "imagenet");
        } finally {
            System.setProperty("user.home", home);
        }
        usage("missing --data", "train");
        usage("Unknown option: '--bogus'", "train", "--bogus");
        usage("--augment", "train", "--data", data.toString(), "--augment", "wild");
        usage("--epochs: expected a positive number", "train", "--data", data.toString(), "--epochs", "0");
        usage("has no checkpoint/state.json", "train", "--resume", existing.toString());
        usage("there is no run folder " + tmp.resolve("gone"), "train", "--resume", tmp.resolve("gone").toString());
        assertEquals("mine", Files.readString(existing.resolve("notes.txt")), "a refused --out is left alone");
    }

    @Test
    void aFailedRunExitsWithOneAndDebugShowsTheStackTrace() throws Exception {
        Path data = Cli.stripes(tmp.resolve("data"), 4, 16, 1);
        Path file = Files.writeString(tmp.resolve("file"), "x");
        String[] args = {"train", "--data", data.toString(), "--arch", "cnn", "--image-size", "16", "--epochs", "1",
                "--out", file.resolve("run").toString(), "--quiet"};
        var r = Cli.run(args);
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("vireo train: failed: ") && r.err().contains("--debug"), r.err());
        String[] debug = java.util.Arrays.copyOf(args, args.length + 1);
        debug[args.length] = "--debug";
        var d = Cli.run(debug);
        assertEquals(1, d.code(), d.toString());
        assertTrue(d.err().contains("\tat "), "stack trace with --debug: " + d.err());
    }

    @Test
    void aRunThatFailsBeforeItsFirstCheckpointLeavesNoRunFolder() throws Exception {
        Path data = Cli.stripes(tmp.resolve("data"), 4, 16, 1);
        Path broken;
        try (var files = Files.list(data.resolve("vertical"))) {
            broken = files.sorted().findFirst().orElseThrow();
        }
        byte[] png = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(png, 40)); // the header is whole, the pixels are cut off
        Path run = tmp.resolve("runs/first");
        var r = Cli.run("train", "--data", data.toString(), "--arch", "cnn", "--image-size", "16", "--epochs", "1",
                "--out", run.toString(), "--quiet");
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(broken.getFileName().toString()), "names the image: " + r.err());
        assertFalse(Files.exists(run), "no empty run folder is left behind: " + r);
        assertTrue(Files.isDirectory(tmp.resolve("runs")), "the parent folder stays");

        Path mine = Files.createDirectories(tmp.resolve("mine"));
        var again = Cli.run("train", "--data", data.toString(), "--arch", "cnn", "--image-size", "16", "--epochs", "1",
                "--out", mine.toString(), "--quiet");
        assertEquals(1, again.code(), again.toString());
        assertTrue(Files.isDirectory(mine), "an empty --out folder the user made is left alone");
    }

    @Test
    void anInterruptionSaysWhatThereIsToResumeAndLeavesNoEmptyRunFolder() throws Exception {
        Path fresh = tmp.resolve("runs/fresh");
        String early = RunFolder.create(fresh).interrupted(0);
        assertFalse(Files.exists(fresh), "the empty folder this run made is removed: " + early);
        assertTrue(early.contains("nothing was saved") && !early.contains("--resume"), early);

        Path mine = Files.createDirectories(tmp.resolve("mine"));
        String inMine = RunFolder.create(mine).interrupted(0);
        assertTrue(Files.isDirectory(mine), "an --out folder the user made is left alone");
        assertTrue(inMine.contains("nothing was saved") && !inMine.contains("removed"), inMine);

        Path later = tmp.resolve("runs/later");
        RunFolder laterRun = RunFolder.create(later);
        Files.writeString(later.resolve("history.csv"), "epoch\n1\n2\n");
        String resumable = laterRun.interrupted(2);
        assertTrue(Files.exists(later.resolve("history.csv")), "a run with a checkpoint stays");
        assertTrue(resumable.contains("epoch 2") && resumable.contains("vireo train --resume " + later), resumable);
    }

    @Test
    void overwriteReplacesAnEarlierRun() throws Exception {
        Path data = Cli.stripes(tmp.resolve("data"), 6, 16, 1);
        Path run = tmp.resolve("run");
        String[] args = {"train", "--data", data.toString(), "--arch", "cnn", "--image-size", "16", "--epochs", "1",
                "--out", run.toString(), "--quiet"};
        assertEquals(0, Cli.run(args).code());
        assertEquals(2, Cli.run(args).code());
        String[] again = java.util.Arrays.copyOf(args, args.length + 1);
        again[args.length] = "--overwrite";
        var r = Cli.run(again);
        assertEquals(0, r.code(), r.toString());
    }

    private static List<String> dropSeconds(List<String> csv) {
        return csv.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    static void usage(String expected, String... args) {
        var r = Cli.run(args);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --debug: " + r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }
}
