package vireo.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vireo.keras.optimizers.Adam;
import vireo.keras.optimizers.Optimizers;
import vireo.keras.optimizers.RMSprop;
import vireo.keras.optimizers.SGD;
import vireo.optim.Optimizer;
import vireo.tensor.Tensor;

class OptimizersTest {

    private static Tensor param(float v) {
        return Tensor.of(v).requiresGrad(true);
    }

    private static void step(Optimizer opt, Tensor p, float grad) {
        p.setGrad(Tensor.of(grad));
        opt.step();
    }

    @Test
    void adamUsesKerasEpsilonPlacement() {
        // A large epsilon makes Keras's form (ε on the uncorrected √v) and PyTorch's (after correction) differ.
        double lr = 0.1;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 0.01;
        Tensor p = param(1f);
        Optimizer opt = new Adam(lr, b1, b2, eps, false).create(List.of(p));
        double m = 0;
        double v = 0;
        double expect = 1;
        float[] grads = {0.5f, -0.25f, 0.125f};
        for (int t = 1; t <= grads.length; t++) {
            double g = grads[t - 1];
            m += (g - m) * (1 - b1);
            v += (g * g - v) * (1 - b2);
            double alpha = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            expect -= alpha * m / (Math.sqrt(v) + eps);
            step(opt, p, grads[t - 1]);
            assertEquals(expect, p.item(), 1e-6, "step " + t);
        }
        double torchFirstStep = 1 - lr / (1 - b1) * (0.05) / (Math.sqrt(0.00025) / Math.sqrt(1 - b2) + eps);
        Tensor q = param(1f);
        step(new Adam(lr, b1, b2, eps, false).create(List.of(q)), q, 0.5f);
        assertTrue(Math.abs(q.item() - torchFirstStep) > 1e-3, "Keras and PyTorch Adam must differ here");
        assertEquals(1e-7, Adam.of().epsilon());
    }

    @Test
    void sgdMomentumPutsTheLearningRateInTheVelocity() {
        Tensor p = param(1f);
        Optimizer opt = SGD.of(0.1).withMomentum(0.9).create(List.of(p));
        step(opt, p, 1f);                       // v = -0.1; p = 0.9
        assertEquals(0.9f, p.item(), 1e-7);
        opt.paramGroups().get(0).setLr(0.01);   // Keras: v = 0.9·(-0.1) − 0.01 = −0.1; PyTorch would differ
        step(opt, p, 1f);
        assertEquals(0.8f, p.item(), 1e-6);
        Tensor n = param(1f);
        Optimizer nest = SGD.of(0.1).withMomentum(0.9).withNesterov(true).create(List.of(n));
        step(nest, n, 1f);                      // v = -0.1; p += 0.9·v − 0.1 = −0.19
        assertEquals(0.81f, n.item(), 1e-6);
    }

    @Test
    void rmspropKeepsEpsilonInsideTheRoot() {
        Tensor p = param(1f);
        Optimizer opt = RMSprop.of(0.01).create(List.of(p));
        step(opt, p, 2f);
        double vel = 0.1 * 4;
        assertEquals(1 - 0.01 * 2 / Math.sqrt(vel + 1e-7), p.item(), 1e-6);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamw"));
        assertEquals("Unknown optimizer 'adamw'; known optimizers: [adam, sgd, rmsprop]", e.getMessage());
        assertEquals(0.01, Optimizers.get("sgd").learningRate());
        assertEquals(1e-3, Optimizers.get("Adam").learningRate());
    }
}
