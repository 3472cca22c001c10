package vireo.examples.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import vireo.data.DataLoader;
import vireo.data.ExampleFlags;
import vireo.data.MainRunner;
import vireo.io.torch.TorchCheckpoints;
import vireo.nn.Identity;
import vireo.nn.Linear;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.optim.Adam;
import vireo.tensor.Vireo;
import vireo.vision.datasets.FashionMNIST;
import vireo.vision.datasets.FashionMnistImageFolder;
import vireo.vision.datasets.ImageFolder;
import vireo.vision.models.BatchNormMode;
import vireo.vision.models.Freezing;
import vireo.vision.models.ParameterCount;
import vireo.vision.models.ResNet;
import vireo.vision.transfer.Evaluation;
import vireo.vision.transfer.History;
import vireo.vision.transfer.TransferTrainer;
import vireo.vision.transforms.Compose;
import vireo.vision.transforms.Normalize;
import vireo.vision.transforms.ToTensor;

/**
 * The Alien-vs-Predator transfer-learning tutorial on a folder of the same shape built from Fashion-MNIST
 * ({@link FashionMnistImageFolder}: sneaker vs ankle boot, 347 + 100 images per class, 224×224 JPEG; the same folder
 * as {@code vireo datasets prepare fashion-mnist-folder --classes 7,9 --per-class 347,100,0 --size 224}, which is
 * what {@code bench/compare --avp} wants): a frozen ResNet-50 from a
 * torchvision-format {@code .pth} with batch norm on its running statistics, the tutorial's head
 * {@code Linear(2048, 128) ReLU Linear(128, 2)}, Adam, a few epochs with validation after each, the backbone's
 * features computed once and cached ({@code --no-cache} recomputes them every epoch, as the tutorial does).
 *
 * <pre>
 * scripts/run-java vireo-examples vireo.examples.transfer.AlienVsPredatorFashion --root /tmp/avp --epochs 3 \
 *     --weights /tmp/resnet50.pth      # from tools/golden/save_resnet50_random.py, or ImageNet weights
 * </pre>
 *
 * <p>{@code --train-per-class} and {@code --valid-per-class} build a smaller folder of the same shape. Without
 * {@code --weights}, or when the file is missing, the net keeps Vireo's own initialisation, which is saved
 * as {@code ROOT/resnet50-vireo-init.pth} (and reused on the next run) so that a run can be repeated.
 */
public final class AlienVsPredatorFashion {

    private AlienVsPredatorFashion() {
    }

    public static void main(String[] args) {
        MainRunner.main("avp", () -> run(args));
    }

    private static void run(String[] args) throws IOException {
        ExampleFlags f = ExampleFlags.parse(args, OPTIONS, Set.of("--root", "--data", "--weights", "--epochs",
                "--batch", "--workers", "--threads", "--train-per-class", "--valid-per-class"), Set.of("--no-cache"));
        Path root = f.path("--root", Path.of(System.getProperty("java.io.tmpdir"), "vireo-avp-fashion"));
        Path mnist = f.path("--data", FashionMNIST.DEBIAN_ROOT);
        Path weights = f.path("--weights", null);
        int epochs = f.integer("--epochs", 3);
        int batch = f.integer("--batch", 16);
        int workers = f.integer("--workers", 2);
        int threads = f.integer("--threads", Vireo.numThreads());
        boolean cache = !f.on("--no-cache");
        int trainPerClass = f.integer("--train-per-class", 347);
        int validPerClass = f.integer("--valid-per-class", 100);
        Vireo.setNumThreads(threads);
        Vireo.manualSeed(1);
        long t0 = System.nanoTime();

        boolean built = FashionMnistImageFolder.builder(mnist).classes(7, 9).perClass(trainPerClass, validPerClass, 0)
                .imageSize(224).build().writeTo(root);
        System.out.printf("folder %s (%s) in %.1f s%n", root, built ? "built" : "reused", secondsSince(t0));

        var tf = Compose.<vireo.vision.io.Image, vireo.tensor.Tensor>of(new ToTensor(), Normalize.IMAGENET);
        ImageFolder trainSet = ImageFolder.builder(root.resolve("train")).transform(tf).build();
        ImageFolder validSet = ImageFolder.builder(root.resolve("valid")).transform(tf).build();
        System.out.println("classes " + trainSet.classes() + ", train " + trainSet.classCounts() + ", valid "
                + validSet.classCounts());
        DataLoader<?> train = DataLoader.builder(trainSet).batchSize(batch).shuffle(true).seed(1).numWorkers(workers)
                .build();
        DataLoader<?> valid = DataLoader.builder(validSet).batchSize(batch).numWorkers(workers).build();

        ResNet net = ResNet.resnet50();
        loadOrSaveWeights(net, weights, root.resolve("resnet50-vireo-init.pth"));
        Freezing.freeze(net, BatchNormMode.EVAL);
        net.setFc(new Identity());
        Module head = new Sequential(new Linear(2048, 128), new ReLU(), new Linear(128, 2));
        net.setFc(head);
        System.out.printf("ResNet-50: %,d parameters, %,d trainable (the head)%n", ParameterCount.total(net),
                ParameterCount.trainable(net));
        net.setFc(new Identity()); // the backbone alone while training the head

        long tTrain = System.nanoTime();
        History h = TransferTrainer.builder(net, head, new Adam(head.parameters())).epochs(epochs).patience(3)
                .cacheFeatures(cache).log(System.out::println).build().fit(train, valid);
        System.out.printf("training: %.1f s for %d epochs (features cached: train %s, valid %s)%n",
                secondsSince(tTrain), h.epochs().size(), h.trainCached(), h.validCached());

        net.setFc(head);
        long tEval = System.nanoTime();
        Evaluation ev = Evaluation.predict(net, valid);
        System.out.printf("final validation accuracy %.4f (best epoch %d, %.1f s to evaluate)%n", ev.accuracy(),
                h.bestEpoch() + 1, secondsSince(tEval));
        System.out.println("per-class accuracy " + Arrays.toString(ev.perClassAccuracy()) + ", confusion "
                + Arrays.deepToString(ev.confusionMatrix()));
        List<Evaluation.Mistake> mistakes = ev.mistakes(3, validSet);
        System.out.println(mistakes.size() + " mistakes" + (mistakes.isEmpty() ? "" : ", the first ones:"));
        mistakes.stream().limit(5).forEach(m -> System.out.println("  " + m));
        System.out.printf("total %.1f s%n", secondsSince(t0));
        train.close();
        valid.close();
    }

    private static void loadOrSaveWeights(ResNet net, Path weights, Path vireoInit) throws IOException {
        Path from = weights != null && Files.isRegularFile(weights) ? weights
                : Files.isRegularFile(vireoInit) ? vireoInit : null;
        if (weights != null && from != weights) {
            System.out.println("no weights at " + weights + "; using Vireo's initialisation");
        }
        if (from != null) {
            net.loadStateDict(TorchCheckpoints.read(from));
            System.out.println("weights " + from);
        } else {
            TorchCheckpoints.write(net.stateDict(), vireoInit);
            System.out.println("weights: Vireo's initialisation, saved as " + vireoInit);
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static final String OPTIONS = "--root DIR --data DIR (Fashion-MNIST) --weights FILE.pth --epochs N"
            + " --batch N --workers N --threads N --no-cache --train-per-class N (347) --valid-per-class N (100)";
}
