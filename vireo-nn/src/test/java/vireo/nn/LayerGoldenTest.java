package vireo.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vireo.tensor.Tensor;

/** Layer forward and backward against PyTorch (fixtures from tools/golden/nn_losses.py). */
class LayerGoldenTest {

    private static Map<String, Golden.Case> cases;

    @BeforeAll
    static void load() {
        cases = Golden.load("nn_layers.txt");
    }

    /** Loads the fixture's state, runs forward and backward with its upstream gradient, compares everything. */
    private static void run(String name, Module m) {
        Golden.Case c = cases.get(name);
        Map<String, Tensor> state = new java.util.LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("state.")) {
                state.put(k.substring(6), v);
            }
        });
        boolean bnTrain = m instanceof BatchNorm && m.isTraining();
        if (!bnTrain) {
            m.loadStateDict(state);
        }
        Tensor x = c.t("input").requiresGrad(true);
        Tensor out = m.call(x);
        Golden.assertClose(name + " output", c.t("output"), out, 1e-5, 1e-5);
        out.backward(c.t("gout"), false);
        Golden.assertClose(name + " grad_input", c.t("grad_input"), x.grad(), 1e-5, 1e-5);
        m.namedParameters().forEach((k, p) ->
                Golden.assertClose(name + " grad." + k, c.t("grad." + k), p.grad(), 1e-5, 1e-4));
        // After the step: running statistics (batch norm) and unchanged parameters.
        m.stateDict().forEach((k, v) -> Golden.assertClose(name + " state " + k, state.get(k), v, 1e-5, 1e-6));
    }

    @Test
    void linear() {
        run("linear", new Linear(5, 3));
        run("linear_3d", new Linear(5, 3, false));
    }

    @Test
    void conv2d() {
        for (String name : new String[]{"conv_basic", "conv_strided_dilated_grouped", "conv_same_even_kernel"}) {
            Golden.Case c = cases.get(name);
            int[] k = c.ints("kernel");
            var b = Conv2d.builder(Integer.parseInt(c.opt("in_channels", "")), Integer.parseInt(c.opt("out_channels", "")), k)
                    .stride(c.ints("stride")[0], c.ints("stride")[1])
                    .dilation(c.ints("dilation")[0], c.ints("dilation")[1])
                    .groups(Integer.parseInt(c.opt("groups", "1")))
                    .bias(c.opt("bias", "true").equals("true"));
            if (c.opt("padding", "").equals("same")) {
                b.padding("same");
            } else {
                b.padding(c.ints("padding")[0], c.ints("padding")[1]);
            }
            run(name, b.build());
        }
    }

    @Test
    void batchNorm2dTrainThenEval() {
        BatchNorm2d bn = new BatchNorm2d(3);
        Golden.Case c = cases.get("bn2d_train");
        bn.weight().copy_(c.t("weight0"));
        bn.bias().copy_(c.t("bias0"));
        run("bn2d_train", bn);
        assertEquals(1L, bn.numBatchesTracked().itemLong());
        bn.zeroGrad();
        bn.eval();
        run("bn2d_eval", bn);
        assertEquals(1L, bn.numBatchesTracked().itemLong(), "evaluation must not count batches");
    }

    @Test
    void batchNormCumulativeAverage() {
        BatchNorm2d bn = new BatchNorm2d(2, 1e-5, null, true, true);
        bn.call(cases.get("bn2d_cumulative_first").t("input"));
        run("bn2d_cumulative", bn);
        assertEquals(2L, bn.numBatchesTracked().itemLong());
    }

    @Test
    void batchNorm1d() {
        run("bn1d_train", new BatchNorm1d(4));
    }

    @Test
    void pooling() {
        run("maxpool_default", new MaxPool2d(2));
        run("maxpool_pad_ceil", new MaxPool2d(new int[]{3}, new int[]{2}, new int[]{1}, new int[]{1}, true));
        run("avgpool_default", new AvgPool2d(2));
        run("avgpool_pad_ceil_exclude", new AvgPool2d(new int[]{3}, new int[]{2}, new int[]{1}, true, false));
        run("avgpool_pad_include", new AvgPool2d(3, 2, 1));
        run("adaptive_avg_3x2", new AdaptiveAvgPool2d(3, 2));
    }
}
