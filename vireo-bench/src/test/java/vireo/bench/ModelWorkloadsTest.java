package vireo.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.vision.models.ResNet;
import vireo.vision.models.VGG;

/** The whole-network workloads on small inputs: they run end to end and give a positive, finite rate. */
class ModelWorkloadsTest {

    @Test
    void forwardOfANarrowResNetAndVgg() {
        var resnet = new ModelForwardWorkload("r", () -> ResNet.builder(ResNet.Block.BOTTLENECK, 1, 1, 1, 1)
                .baseWidth(8).build(), 2, 32, 1);
        var vgg = new ModelForwardWorkload("v", () -> VGG.builder(8, VGG.M, 16, VGG.M).hidden(16).build(), 2, 32, 1);
        for (Workload w : new Workload[]{resnet, vgg}) {
            double rate = w.run();
            assertTrue(rate > 0 && Double.isFinite(rate), w.name() + ": " + rate);
        }
    }

    @Test
    void frozenHeadTrainStepOnSmallImages() {
        double rate = new FrozenHeadTrainStepWorkload("t", 2, 32, 1).run();
        assertTrue(rate > 0 && Double.isFinite(rate), "rate " + rate);
    }
}
