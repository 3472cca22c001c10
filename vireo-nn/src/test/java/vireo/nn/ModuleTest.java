package vireo.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vireo.tensor.DType;
import vireo.tensor.Tensor;

class ModuleTest {

    /** A small model with batch norm, shaped like a torchvision block. */
    static class BnNet extends Module {
        final Conv2d conv1 = registerModule("conv1", Conv2d.builder(3, 8, 3).padding(1).bias(false).build());
        final BatchNorm2d bn1 = registerModule("bn1", new BatchNorm2d(8));
        final Sequential head = registerModule("head", new Sequential(new Flatten(), new Linear(8 * 4 * 4, 5),
                new BatchNorm1d(5)));

        @Override
        public Tensor forward(Tensor x) {
            return head.call(bn1.call(conv1.call(x)).relu());
        }
    }

    private static Map<String, List<Integer>> shapes(Map<String, Tensor> state) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            List<Integer> s = new ArrayList<>();
            for (int d : v.shape()) {
                s.add(d);
            }
            out.put(k, s);
        });
        return out;
    }

    @Test
    void mnistNetStateDictKeysAndShapesAreTorchs() {
        var sd = new MnistNet().stateDict();
        assertEquals(List.of("conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "fc1.weight", "fc1.bias",
                "fc2.weight", "fc2.bias"), new ArrayList<>(sd.keySet()));
        assertEquals(List.of(10, 1, 5, 5), shapes(sd).get("conv1.weight"));
        assertEquals(List.of(20, 10, 5, 5), shapes(sd).get("conv2.weight"));
        assertEquals(List.of(50, 320), shapes(sd).get("fc1.weight"));
        assertEquals(List.of(10), shapes(sd).get("fc2.bias"));
        assertEquals(8, new MnistNet().parameters().size());
    }

    @Test
    void batchNormStateDictHasBuffersInTorchOrder() {
        var sd = new BnNet().stateDict();
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "head.1.weight", "head.1.bias", "head.2.weight", "head.2.bias",
                "head.2.running_mean", "head.2.running_var", "head.2.num_batches_tracked"), new ArrayList<>(sd.keySet()));
        Tensor nbt = sd.get("bn1.num_batches_tracked");
        assertEquals(DType.INT64, nbt.dtype());
        assertEquals(0, nbt.dim());
        // Parameters exclude buffers; the named order is registration order.
        assertEquals(List.of("conv1.weight", "bn1.weight", "bn1.bias", "head.1.weight", "head.1.bias", "head.2.weight",
                "head.2.bias"), new ArrayList<>(new BnNet().namedParameters().keySet()));
        assertEquals(6, new BnNet().buffers().size());
    }

    @Test
    void stateDictSharesStorageWithTheModel() {
        var net = new MnistNet();
        Tensor w = net.stateDict().get("fc2.bias");
        net.fc2.bias().fill_(3f);
        assertEquals(3f, w.get(0));
        assertFalse(w.requiresGrad());
    }

    @Test
    void loadStateDictCopiesIntoExistingTensors() {
        var a = new MnistNet();
        var b = new MnistNet();
        Tensor before = b.fc1.weight();
        IncompatibleKeys r = b.loadStateDict(a.stateDict());
        assertTrue(r.isEmpty());
        assertSame(before, b.fc1.weight(), "optimizers keep their references");
        assertArrayEquals(a.fc1.weight().toFloatArray(), b.fc1.weight().toFloatArray());
        assertArrayEquals(a.conv2.bias().toFloatArray(), b.conv2.bias().toFloatArray());
    }

    @Test
    void strictLoadListsEveryMissingAndUnexpectedKeyAndCopiesNothing() {
        var src = new LinkedHashMap<>(new MnistNet().stateDict());
        src.remove("fc2.bias");
        src.remove("conv1.weight");
        src.put("fc3.weight", Tensor.zeros(2, 2));
        var net = new MnistNet();
        float[] before = net.fc1.weight().toFloatArray();
        var e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(src, true));
        assertTrue(e.getMessage().contains("Missing key(s) in state_dict: \"conv1.weight\", \"fc2.bias\""), e.getMessage());
        assertTrue(e.getMessage().contains("Unexpected key(s) in state_dict: \"fc3.weight\""), e.getMessage());
        assertArrayEquals(before, net.fc1.weight().toFloatArray(), "a failed load must not half-load");
    }

    @Test
    void nonStrictLoadReturnsTheKeysAndLoadsTheRest() {
        var a = new MnistNet();
        var src = new LinkedHashMap<>(a.stateDict());
        src.remove("fc2.bias");
        src.put("extra.thing", Tensor.zeros(1));
        var b = new MnistNet();
        IncompatibleKeys r = b.loadStateDict(src, false);
        assertEquals(List.of("fc2.bias"), r.missingKeys());
        assertEquals(List.of("extra.thing"), r.unexpectedKeys());
        assertArrayEquals(a.fc1.weight().toFloatArray(), b.fc1.weight().toFloatArray());
    }

    @Test
    void misShapedKeysAlwaysFailListingEachOne() {
        var src = new LinkedHashMap<>(new MnistNet().stateDict());
        src.put("fc1.weight", Tensor.zeros(50, 300));
        src.put("fc2.bias", Tensor.zeros(11));
        var e = assertThrows(IllegalArgumentException.class, () -> new MnistNet().loadStateDict(src, false));
        assertTrue(e.getMessage().contains("size mismatch for fc1.weight: expected [50, 320] (in the model), "
                + "received [50, 300]"), e.getMessage());
        assertTrue(e.getMessage().contains("size mismatch for fc2.bias: expected [10]"), e.getMessage());
    }

    @Test
    void dataParallelPrefixIsStripped() {
        var a = new MnistNet();
        var src = new LinkedHashMap<String, Tensor>();
        a.stateDict().forEach((k, v) -> src.put("module." + k, v));
        var b = new MnistNet();
        assertTrue(b.loadStateDict(src).isEmpty());
        assertArrayEquals(a.fc2.weight().toFloatArray(), b.fc2.weight().toFloatArray());
    }

    @Test
    void batchNormLoadsOldCheckpointsWithoutBatchCount() {
        var a = new BnNet();
        a.bn1.runningMean().fill_(2f);
        var src = new LinkedHashMap<>(a.stateDict());
        src.keySet().removeIf(k -> k.endsWith("num_batches_tracked"));
        var b = new BnNet();
        assertTrue(b.loadStateDict(src).isEmpty());
        assertEquals(2f, b.bn1.runningMean().get(0));
        src.put("bn1.num_batches_tracked", Tensor.scalarLong(7));
        b.loadStateDict(src);
        assertEquals(7L, b.bn1.numBatchesTracked().itemLong());
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("""
                MnistNet(
                  (conv1): Conv2d(1, 10, kernel_size=(5, 5), stride=(1, 1))
                  (conv2): Conv2d(10, 20, kernel_size=(5, 5), stride=(1, 1))
                  (conv2_drop): Dropout2d(p=0.5, inplace=False)
                  (fc1): Linear(in_features=320, out_features=50, bias=True)
                  (fc2): Linear(in_features=50, out_features=10, bias=True)
                )""", new MnistNet().toString());
        assertEquals("""
                BnNet(
                  (conv1): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
                  (bn1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                  (head): Sequential(
                    (0): Flatten(start_dim=1, end_dim=-1)
                    (1): Linear(in_features=128, out_features=5, bias=True)
                    (2): BatchNorm1d(5, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
                  )
                )""", new BnNet().toString());
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
                new MaxPool2d(2).toString());
        assertEquals("AvgPool2d(kernel_size=3, stride=2, padding=1)", new AvgPool2d(3, 2, 1).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(1, 1))", new AdaptiveAvgPool2d(1, 1).toString());
        assertEquals("Conv2d(4, 8, kernel_size=(3, 3), stride=(1, 1), padding=same, dilation=(2, 2), groups=2)",
                Conv2d.builder(4, 8, 3).padding("same").dilation(2).groups(2).build().toString());
        assertEquals("BatchNorm2d(3, eps=0.001, momentum=None, affine=False, track_running_stats=False)",
                new BatchNorm2d(3, 1e-3, null, false, false).toString());
        assertEquals("ReLU()", new ReLU().toString());
        assertEquals("ReLU(inplace=True)", new ReLU(true).toString());
        assertEquals("GELU(approximate='none')", new GELU().toString());
        assertEquals("Unflatten(dim=1, unflattened_size=(2, 5))", new Unflatten(1, 2, 5).toString());
        assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString());
    }

    @Test
    void inplaceReluOverwritesAnUntrackedInputAndCopiesATrackedOne() {
        ReLU relu = new ReLU(true);
        Tensor x = Tensor.of(-1, 2, -3);
        assertSame(x, relu.call(x)); // torchvision's ReLU(inplace=True): no second activation
        assertArrayEquals(new float[] {0, 2, 0}, x.toFloatArray());

        Tensor leaf = Tensor.of(-1, 2, -3).requiresGrad(true);
        Tensor h = leaf.mul(2f);
        Tensor y = relu.call(h); // tracked: a new tensor with the same values, and a gradient through it
        assertNotSame(h, y);
        assertArrayEquals(new float[] {-2, 4, -6}, h.toFloatArray());
        assertArrayEquals(new float[] {0, 4, 0}, y.toFloatArray());
        y.sum().backward();
        assertArrayEquals(new float[] {0, 2, 0}, leaf.grad().toFloatArray());
    }

    @Test
    void shapeErrorsNameTheModulePathAndType() {
        var net = new MnistNet();
        var e = assertThrows(InputShapeException.class, () -> net.fc1.call(Tensor.zeros(64, 500)));
        assertEquals("Linear: expected input [*, 320], received [64, 500]", e.getMessage());

        class Head extends Module {
            final Linear fc1 = registerModule("fc1", new Linear(320, 50));

            @Override
            public Tensor forward(Tensor x) {
                return fc1.forward(x);    // even a direct forward() is located by the outer call()
            }
        }
        e = assertThrows(InputShapeException.class, () -> new Head().call(Tensor.zeros(64, 500)));
        assertEquals("fc1 (Linear): expected input [*, 320], received [64, 500]", e.getMessage());

        var seq = new Sequential(new Flatten(), new Sequential(new Linear(320, 50), new ReLU()));
        e = assertThrows(InputShapeException.class, () -> seq.call(Tensor.zeros(64, 20, 5, 4)));
        assertEquals("1.0 (Linear): expected input [*, 320], received [64, 400]", e.getMessage());

        e = assertThrows(InputShapeException.class, () -> net.call(Tensor.zeros(64, 3, 28, 28)));
        assertEquals("conv1 (Conv2d): expected input [N, 1, H, W], received [64, 3, 28, 28]", e.getMessage());

        var bn = new BnNet();
        e = assertThrows(InputShapeException.class, () -> bn.bn1.call(Tensor.zeros(2, 8)));
        assertEquals("BatchNorm2d: expected input [N, 8, H, W], received [2, 8]", e.getMessage());
        e = assertThrows(InputShapeException.class, () -> new BatchNorm1d(4).call(Tensor.zeros(2, 5)));
        assertEquals("BatchNorm1d: expected input [N, 4] or [N, 4, L], received [2, 5]", e.getMessage());
        e = assertThrows(InputShapeException.class, () -> new MaxPool2d(2).call(Tensor.zeros(2, 8)));
        assertTrue(e.getMessage().startsWith("MaxPool2d: expected input [N, C, H, W]"), e.getMessage());
        e = assertThrows(InputShapeException.class, () -> new Conv2d(1, 2, 5).call(Tensor.zeros(1, 1, 3, 3)));
        assertTrue(e.getMessage().contains("smaller than the kernel"), e.getMessage());
    }

    @Test
    void trainEvalApplyAndFreezeReachEveryModule() {
        var net = new BnNet();
        assertTrue(net.head.get(2).isTraining());
        net.eval();
        for (Module m : net.modules()) {
            assertFalse(m.isTraining());
        }
        net.train();
        assertTrue(net.bn1.isTraining());
        List<String> order = new ArrayList<>();
        net.apply(m -> order.add(m.typeName()));
        assertEquals(List.of("Conv2d", "BatchNorm2d", "Flatten", "Linear", "BatchNorm1d", "Sequential", "BnNet"), order);
        net.head.requiresGrad(false);
        assertFalse(((Linear) net.head.get(1)).weight().requiresGrad());
        assertTrue(net.conv1.weight().requiresGrad());
        assertEquals(List.of("", "conv1", "bn1", "head", "head.0", "head.1", "head.2"),
                new ArrayList<>(net.namedModules().keySet()));
        assertEquals(List.of("conv1", "bn1", "head"), new ArrayList<>(net.namedChildren().keySet()));
    }

    @Test
    void zeroGradClearsGradients() {
        var lin = new Linear(3, 2);
        lin.call(Tensor.ones(4, 3)).sum().backward();
        assertTrue(lin.weight().grad() != null);
        lin.zeroGrad();
        assertNull(lin.weight().grad());
        assertNull(lin.bias().grad());
    }

    @Test
    void sequentialIsIndexableAndReplaceable() {
        var seq = new Sequential(new Linear(4, 3), new ReLU(), new Linear(3, 2));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(seq.stateDict().keySet()));
        assertEquals("ReLU", seq.get(1).typeName());
        assertEquals("Linear", seq.get(-1).typeName());
        Linear head = new Linear(3, 7);
        seq.set(2, head);
        assertSame(head, seq.get(2));
        assertArrayEquals(new int[]{5, 7}, seq.call(Tensor.ones(5, 4)).shape());
        seq.add(new Softmax(1));
        assertEquals(4, seq.size());
        assertThrows(IndexOutOfBoundsException.class, () -> seq.get(4));
        var list = new ModuleList(new Linear(2, 2), new Linear(2, 2));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), new ArrayList<>(list.stateDict().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> list.call(Tensor.ones(1, 2)));
    }

    @Test
    void sharedParametersAreListedOnce() {
        var lin = new Linear(2, 2);
        var seq = new Sequential(lin, new ReLU(), lin);
        assertEquals(2, seq.parameters().size());
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(seq.namedParameters().keySet()));
    }

    @Test
    void lazyLinearMaterialisesAtFirstForward() {
        var seq = new Sequential(new Flatten(), new LazyLinear(10));
        assertTrue(seq.parameters().isEmpty(), "no uninitialised parameters before the first forward");
        assertEquals("LazyLinear(in_features=0, out_features=10, bias=True)", seq.get(1).toString());
        Tensor out = seq.call(Tensor.ones(4, 3, 2, 2));
        assertArrayEquals(new int[]{4, 10}, out.shape());
        assertEquals(2, seq.parameters().size());
        assertEquals("Linear(in_features=12, out_features=10, bias=True)", seq.get(1).toString());
        assertArrayEquals(new int[]{10, 12}, seq.stateDict().get("1.weight").shape());
        var e = assertThrows(InputShapeException.class, () -> seq.call(Tensor.ones(4, 5)));
        assertEquals("1 (Linear): expected input [*, 12], received [4, 5]", e.getMessage());
    }

    @Test
    void lazyModulesMaterialiseFromAStateDict() {
        var trained = new Sequential(new LazyConv2d(4, 3), new Flatten(), new LazyLinear(2));
        trained.loadStateDict(Map.of("0.weight", Tensor.ones(4, 3, 3, 3), "0.bias", Tensor.zeros(4),
                "2.weight", Tensor.ones(2, 36), "2.bias", Tensor.zeros(2)));
        assertEquals("Conv2d(3, 4, kernel_size=(3, 3), stride=(1, 1))", trained.get(0).toString());
        assertEquals(36, ((Linear) trained.get(2)).inFeatures());
        assertEquals(1f, ((Linear) trained.get(2)).weight().get(0, 0));
    }

    @Test
    void lazyConvMaterialisesAtFirstForward() {
        var conv = new LazyConv2d(6, 3);
        assertTrue(conv.parameters().isEmpty());
        assertArrayEquals(new int[]{2, 6, 3, 3}, conv.call(Tensor.ones(2, 5, 5, 5)).shape());
        assertArrayEquals(new int[]{6, 5, 3, 3}, conv.weight().shape());
    }

    @Test
    void mnistNetRunsForwardAndBackward() {
        var net = new MnistNet();
        Tensor out = net.call(Tensor.randn(4, 1, 28, 28));
        assertArrayEquals(new int[]{4, 10}, out.shape());
        vireo.nn.functional.F.nllLoss(out, Tensor.fromArray(new long[]{1, 2, 3, 4}, 4)).backward();
        for (Tensor p : net.parameters()) {
            assertNotSame(null, p.grad());
        }
        var e = assertThrows(InputShapeException.class, () -> net.call(Tensor.zeros(64, 1, 32, 32)));
        assertEquals("fc1 (Linear): expected input [*, 320], received [64, 500]", e.getMessage());
    }

    @Test
    void registrationRejectsBadNames() {
        class Bad extends Module {
            @Override
            public Tensor forward(Tensor x) {
                return x;
            }
        }
        var m = new Bad();
        assertThrows(IllegalArgumentException.class, () -> m.registerModule("a.b", new ReLU()));
        m.registerModule("a", new ReLU());
        assertThrows(IllegalArgumentException.class, () -> m.registerParameter("a", Tensor.ones(1)));
    }
}
