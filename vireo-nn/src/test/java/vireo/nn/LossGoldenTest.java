package vireo.nn;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import vireo.nn.functional.Reduction;
import vireo.tensor.Tensor;

/** Every loss configuration against PyTorch: value and input gradient (fixtures from tools/golden/nn_losses.py). */
class LossGoldenTest {

    @TestFactory
    List<DynamicTest> lossesMatchPyTorch() {
        Map<String, Golden.Case> cases = Golden.load("nn_losses.txt");
        assertFalse(cases.isEmpty());
        List<DynamicTest> tests = new ArrayList<>();
        for (Golden.Case c : cases.values()) {
            tests.add(DynamicTest.dynamicTest(c.name(), () -> check(c)));
        }
        return tests;
    }

    private static void check(Golden.Case c) {
        Tensor input = c.t("input").requiresGrad(true);
        Tensor target = c.t("target");
        Tensor weight = c.has("weight") ? c.t("weight") : null;
        Reduction red = Reduction.of(c.opt("reduction", "mean"));
        Loss loss = switch (c.opt("kind", "")) {
            case "cross_entropy" -> new CrossEntropyLoss().weight(weight).reduction(red)
                    .ignoreIndex(Long.parseLong(c.opt("ignore_index", "-100")))
                    .labelSmoothing(Double.parseDouble(c.opt("label_smoothing", "0")));
            case "nll" -> new NLLLoss().weight(weight).reduction(red);
            case "mse" -> new MSELoss().reduction(red);
            case "bce" -> new BCELoss().weight(weight).reduction(red);
            case "bce_logits" -> new BCEWithLogitsLoss().weight(weight)
                    .posWeight(c.has("pos_weight") ? c.t("pos_weight") : null).reduction(red);
            default -> throw new AssertionError("unknown kind in " + c.name());
        };
        Tensor out = loss.call(input, target);
        Golden.assertClose(c.name() + " output", c.t("output"), out, 1e-5, 1e-6);
        if (c.has("gout")) {
            out.backward(c.t("gout"), false);
        } else {
            out.backward();
        }
        Golden.assertClose(c.name() + " grad_input", c.t("grad_input"), input.grad(), 1e-5, 1e-6);
    }
}
