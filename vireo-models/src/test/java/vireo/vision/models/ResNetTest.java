package vireo.vision.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vireo.autograd.GradMode;
import vireo.nn.BatchNorm;
import vireo.nn.Linear;
import vireo.nn.Module;
import vireo.nn.ReLU;
import vireo.nn.Sequential;
import vireo.tensor.Tensor;
import vireo.tensor.Vireo;

class ResNetTest {

    private static ResNet tiny(ResNet.Block block, boolean zeroInit) {
        return ResNet.builder(block, 2, 1, 1, 1).baseWidth(8).numClasses(10).zeroInitResidual(zeroInit).build();
    }

    @Test
    void forwardGivesLogitsPerImage() {
        ResNet net = tiny(ResNet.Block.BOTTLENECK, false);
        try (var g = GradMode.noGrad()) {
            assertArrayEquals(new int[]{2, 10}, net.eval().call(Tensor.randn(2, 3, 32, 32)).shape());
        }
        assertEquals(8 * 8 * 4, net.numFeatures());
    }

    @Test
    void convolutionsStartKaimingNormalFanOutAndNormsAtOneZero() {
        Vireo.manualSeed(3);
        ResNet net = ResNet.resnet18();
        // conv1 [64, 3, 7, 7]: fan_out = 64·49, std = √(2 / fan_out) = 0.02526
        float[] w = net.conv1().weight().toFloatArray();
        double mean = 0;
        double sq = 0;
        for (float v : w) {
            mean += v;
            sq += v * v;
        }
        mean /= w.length;
        double std = Math.sqrt(sq / w.length - mean * mean);
        assertEquals(Math.sqrt(2.0 / (64 * 49)), std, 0.05 * std);
        assertEquals(0, mean, 0.001);
        for (Module m : net.modules()) {
            if (m instanceof BatchNorm bn) {
                assertEquals(1f, bn.weight().min().item());
                assertEquals(1f, bn.weight().max().item());
                assertEquals(0f, bn.bias().abs().max().item());
            }
        }
        // fc keeps PyTorch's Linear default U(-1/√512, 1/√512).
        assertTrue(((Linear) net.fc()).weight().abs().max().item() <= 1 / Math.sqrt(512));
    }

    @Test
    void zeroInitResidualZeroesTheLastNormOfEachBranchOnly() {
        ResNet net = tiny(ResNet.Block.BOTTLENECK, true);
        var sd = net.stateDict();
        assertEquals(0f, sd.get("layer1.0.bn3.weight").abs().max().item());
        assertEquals(0f, sd.get("layer4.0.bn3.weight").abs().max().item());
        assertEquals(1f, sd.get("layer1.0.bn2.weight").min().item());
        assertEquals(1f, sd.get("layer1.0.downsample.1.weight").min().item());
        ResNet basic = tiny(ResNet.Block.BASIC, true);
        assertEquals(0f, basic.stateDict().get("layer1.1.bn2.weight").abs().max().item());
        assertEquals(1f, basic.stateDict().get("layer1.1.bn1.weight").min().item());
        // A zero-initialised block without downsample is the identity on non-negative inputs (eval mode).
        Module block = basic.layer(1).get(1);
        block.eval();
        Tensor x = Tensor.rand(1, 8, 5, 5);
        try (var g = GradMode.noGrad()) {
            assertArrayEquals(x.toFloatArray(), block.call(x).toFloatArray(), 0f);
        }
    }

    @Test
    void setFcReplacesTheHeadAndItsKeys() {
        ResNet net = tiny(ResNet.Block.BASIC, false);
        Sequential head = new Sequential(new Linear(64, 16), new ReLU(), new Linear(16, 2));
        net.setFc(head);
        assertSame(head, net.fc());
        assertArrayEquals(new int[]{16, 64}, net.stateDict().get("fc.0.weight").shape());
        assertTrue(!net.stateDict().containsKey("fc.weight"));
        try (var g = GradMode.noGrad()) {
            assertArrayEquals(new int[]{3, 2}, net.eval().call(Tensor.randn(3, 3, 32, 32)).shape());
        }
        assertThrows(IllegalArgumentException.class, () -> net.setFc(null));
    }

    @Test
    void builderRejectsBadOptions() {
        var e = assertThrows(IllegalArgumentException.class, () -> ResNet.builder(ResNet.Block.BASIC, 2, 2, 2));
        assertTrue(e.getMessage().contains("[2, 2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResNet.builder(ResNet.Block.BASIC, 2, 0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> ResNet.builder(ResNet.Block.BASIC, 1, 1, 1, 1).numClasses(0));
        assertThrows(IllegalArgumentException.class, () -> ResNet.builder(ResNet.Block.BASIC, 1, 1, 1, 1).baseWidth(0));
        assertThrows(IllegalArgumentException.class, () -> tiny(ResNet.Block.BASIC, false).layer(5));
    }

    @Test
    void printsLikeTorchvision() {
        String s = tiny(ResNet.Block.BASIC, false).toString();
        assertTrue(s.startsWith("ResNet(\n  (conv1): Conv2d(3, 8, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)"), s);
        assertTrue(s.contains("(downsample): Sequential("), s);
    }
}
