package vireo.bench;

import vireo.nn.Linear;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.nn.functional.F;
import vireo.optim.Adam;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.models.BatchNormMode;
import vireo.vision.models.Freezing;
import vireo.vision.models.ResNet;

/**
 * One transfer-learning step, like the peer's {@code infer(..., train_head=True)}: ResNet-50 with every parameter
 * frozen, head {@code Linear(2048, 128) ReLU Linear(128, 2)}, Adam on the head, the model in training mode, batch 16
 * of 224×224 ({@code size}); zero the gradients, cross-entropy forward, backward, step. Images per second, mean of 3
 * repetitions.
 *
 * <p>As in the peer, freezing leaves batch norm following {@code train()} ({@link BatchNormMode#FOLLOW}: batch
 * statistics, running ones updated); the gradients stop at the head.
 */
public record FrozenHeadTrainStepWorkload(String name, int batch, int size, int reps) implements Workload {

    public static FrozenHeadTrainStepWorkload resnet50() {
        return new FrozenHeadTrainStepWorkload("resnet50_frozen_head_train_step", 16, 224, 3);
    }

    @Override
    public Unit unit() {
        return Unit.IMAGES_PER_S;
    }

    @Override
    public double run() {
        ResNet net = Freezing.freeze(ResNet.resnet50(), BatchNormMode.FOLLOW);
        net.setFc(new Sequential(new Linear(2048, 128), new ReLU(), new Linear(128, 2)));
        Adam opt = new Adam(net.fc().parameters());
        net.train();
        Generator g = new Generator(1);
        Tensor x = Tensor.randn(g, batch, 3, size, size);
        Tensor y = Tensor.randint(g, 0, 2, batch);
        double[] sink = new double[1];
        double sec = Timing.secondsPerStep(reps, () -> {
            opt.zeroGrad();
            Tensor loss = F.crossEntropy(net.call(x), y);
            loss.backward();
            opt.step();
            sink[0] += loss.item();
        });
        if (!Double.isFinite(sink[0])) {
            throw new IllegalStateException(name + ": the loss is not finite (sum " + sink[0] + ")");
        }
        return batch / sec;
    }
}
