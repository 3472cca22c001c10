package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.nn.BatchNorm;
import vireo.nn.Dropout;
import vireo.nn.Linear;
import vireo.nn.LogSoftmax;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.nn.functional.F;
import vireo.tensor.Tensor;

class FreezingTest {

    private static ResNet tiny() {
        return ResNet.builder(ResNet.Block.BASIC, 1, 1, 1, 1).baseWidth(8).numClasses(10).build();
    }

    @Test
    void vgg16WithTheTutorialHead() {
        VGG vgg = VGG.vgg16();
        assertEquals(32, vgg.stateDict().size());
        Freezing.freeze(vgg, BatchNormMode.EVAL);
        vgg.classifier().set(6, new Sequential(new Linear(4096, 256), new ReLU(), new Dropout(0.4),
                new Linear(256, 100), new LogSoftmax(1)));
        assertEquals(135_335_076L, ParameterCount.total(vgg));
        assertEquals(1_074_532L, ParameterCount.trainable(vgg));
        assertEquals(135_335_076L - 1_074_532L, ParameterCount.frozen(vgg));
    }

    @Test
    void evalModeNormsStayInEvalWhenTheModelTrains() {
        ResNet net = Freezing.freeze(tiny(), BatchNormMode.EVAL);
        net.setFc(new Linear(64, 2));
        net.train();
        assertTrue(net.isTraining());
        for (Module m : net.modules()) {
            if (m instanceof BatchNorm bn) {
                assertTrue(bn.statisticsFrozen(), "a frozen batch norm would use batch statistics");
            }
        }
        // A training step updates neither running statistics nor the backbone, and trains the head.
        Tensor before = net.bn1().runningMean().clone();
        Tensor loss = F.crossEntropy(net.call(Tensor.randn(4, 3, 32, 32)), Tensor.fromArray(new long[]{0, 1, 1, 0}, 4));
        loss.backward();
        assertArrayEquals(before.toFloatArray(), net.bn1().runningMean().toFloatArray(), 0f);
        assertEquals(0L, net.bn1().numBatchesTracked().itemLong());
        assertNull(net.conv1().weight().grad());
        assertNotNull(((Linear) net.fc()).weight().grad());
        assertEquals(2 * 64 + 2, ParameterCount.trainable(net));
    }

    @Test
    void trainOnAnEnclosingModuleKeepsFrozenStatistics() {
        ResNet backbone = Freezing.freeze(tiny(), BatchNormMode.EVAL);
        Sequential outer = new Sequential(backbone, new ReLU());
        outer.train();
        assertTrue(backbone.layer(2).get(0).isTraining());
        assertTrue(backbone.bn1().statisticsFrozen());
        Tensor before = backbone.bn1().runningMean().clone();
        outer.call(Tensor.randn(2, 3, 32, 32));
        assertArrayEquals(before.toFloatArray(), backbone.bn1().runningMean().toFloatArray(), 0f);
        assertEquals(0L, backbone.bn1().numBatchesTracked().itemLong());
    }

    @Test
    void followModeLeavesNormsToTheModelsMode() {
        ResNet net = Freezing.freeze(tiny(), BatchNormMode.FOLLOW);
        assertEquals(0, ParameterCount.trainable(net));
        net.train();
        assertTrue(net.bn1().isTraining());
        assertFalse(net.bn1().statisticsFrozen());
        net.call(Tensor.randn(2, 3, 32, 32));
        assertEquals(1L, net.bn1().numBatchesTracked().itemLong());
    }

    @Test
    void unfreezeReleasesParametersAndNorms() {
        ResNet net = Freezing.freeze(tiny(), BatchNormMode.EVAL);
        net.train();
        Freezing.unfreeze(net.layer(4));
        assertEquals(ParameterCount.total(net.layer(4)), ParameterCount.trainable(net));
        BatchNorm released = (BatchNorm) net.layer(4).get(0).namedChildren().get("bn1");
        assertFalse(released.statisticsFrozen());
        assertTrue(net.bn1().statisticsFrozen());
    }
}
