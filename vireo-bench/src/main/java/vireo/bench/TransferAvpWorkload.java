package vireo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import vireo.data.DataLoader;
import vireo.nn.Identity;
import vireo.nn.Linear;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.optim.Adam;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;
import vireo.vision.datasets.ImageFolder;
import vireo.vision.io.Image;
import vireo.vision.models.BatchNormMode;
import vireo.vision.models.Freezing;
import vireo.vision.models.ResNet;
import vireo.vision.transfer.History;
import vireo.vision.transfer.TransferTrainer;
import vireo.vision.transforms.Compose;
import vireo.vision.transforms.Normalize;
import vireo.vision.transforms.ToTensor;

/**
 * The peer's {@code transfer_avp} recipe: a frozen ResNet-50 (batch norm on running statistics), head
 * {@code Linear(2048, 128) ReLU Linear(128, 2)}, Adam, batch 16, no augmentation ({@code ToTensor} and ImageNet
 * normalisation of 224×224 images), {@code epochs} epochs of training and validation on {@code FOLDER/train} and
 * {@code FOLDER/valid}; wall seconds of all epochs. Unlike the peer, which recomputes the backbone every epoch as
 * the tutorials do, Vireo's {@link TransferTrainer} computes the backbone's features once and trains the head on
 * them (exact here: nothing below the head trains or draws randomness). The cache's cost is in the time.
 */
public record TransferAvpWorkload(String name, Path folder, int epochs, Supplier<ResNet> backbone) implements Workload {

    /** {@code transfer_avp_5epochs} on the folder given with {@code --avp}. */
    public static TransferAvpWorkload fiveEpochs(Path folder) {
        return new TransferAvpWorkload("transfer_avp_5epochs", folder, 5, ResNet::resnet50);
    }

    @Override
    public Unit unit() {
        return Unit.SECONDS;
    }

    @Override
    public double run() {
        for (String split : new String[]{"train", "valid"}) {
            if (!Files.isDirectory(folder.resolve(split))) {
                throw new IllegalStateException(name + ": expected an image folder with train/ and valid/ (--avp), "
                        + "found no " + folder.resolve(split));
            }
        }
        Vireo.manualSeed(1);
        Compose<Image, Tensor> tf = Compose.of(new ToTensor(), Normalize.IMAGENET);
        var train = DataLoader.builder(ImageFolder.builder(folder.resolve("train")).transform(tf).build())
                .batchSize(16).shuffle(true).seed(1).numWorkers(2).build();
        var valid = DataLoader.builder(ImageFolder.builder(folder.resolve("valid")).transform(tf).build())
                .batchSize(16).numWorkers(2).build();
        ResNet net = Freezing.freeze(backbone.get(), BatchNormMode.EVAL);
        int features = net.numFeatures();
        net.setFc(new Identity());
        Module head = new Sequential(new Linear(features, 128), new ReLU(), new Linear(128, 2));
        Adam opt = new Adam(head.parameters());
        try (train; valid) {
            long t0 = System.nanoTime();
            History h = TransferTrainer.builder(net, head, opt).epochs(epochs).build().fit(train, valid);
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (!h.trainCached() || !h.validCached()) {
                throw new IllegalStateException(name + ": expected the features to be cached, they were not");
            }
            if (!Double.isFinite(h.last().trainLoss())) {
                throw new IllegalStateException(name + ": the training loss is not finite (" + h.last() + ")");
            }
            return seconds;
        }
    }
}
