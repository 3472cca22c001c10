package vireo.bench;

import java.util.function.Supplier;
import vireo.autograd.GradMode;
import vireo.nn.Module;
import vireo.tensor.Generator;
import vireo.tensor.Tensor;
import vireo.vision.models.ResNet;
import vireo.vision.models.VGG;

/**
 * Inference of a whole network in evaluation mode without gradients, like the peer's {@code infer}: one random
 * batch {@code [batch, 3, size, size]}, images per second, mean of {@code reps} repetitions after warm-up (the peer
 * warms up with one step).
 */
public record ModelForwardWorkload(String name, Supplier<Module> model, int batch, int size, int reps) implements Workload {

    /** torchvision ResNet-50, batch 16, 3 repetitions (the peer's figures). */
    public static ModelForwardWorkload resnet50() {
        return new ModelForwardWorkload("resnet50_forward", ResNet::resnet50, 16, 224, 3);
    }

    /** torchvision VGG-16, batch 8, 2 repetitions. */
    public static ModelForwardWorkload vgg16() {
        return new ModelForwardWorkload("vgg16_forward", VGG::vgg16, 8, 224, 2);
    }

    @Override
    public Unit unit() {
        return Unit.IMAGES_PER_S;
    }

    @Override
    public double run() {
        Module net = model.get();
        net.eval();
        Tensor x = Tensor.randn(new Generator(1), batch, 3, size, size);
        double[] sink = new double[1];
        double sec = Timing.secondsPerStep(reps, () -> {
            try (var g = GradMode.noGrad()) {
                sink[0] += net.call(x).sum().item();
            }
        });
        if (!Double.isFinite(sink[0])) {
            throw new IllegalStateException(name + ": the logits are not finite (sum " + sink[0] + ")");
        }
        return batch / sec;
    }
}
