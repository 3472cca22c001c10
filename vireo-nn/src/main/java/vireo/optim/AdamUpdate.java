package vireo.optim;

import java.util.Map;
import vireo.tensor.Tensor;

/**
 * The one Adam update both {@link Adam} (L2 penalty added to the gradient) and {@link AdamW} (decoupled decay of the
 * weights) use; a transcription of PyTorch's {@code _single_tensor_adam} / {@code _single_tensor_adamw}.
 */
final class AdamUpdate {

    private AdamUpdate() {
    }

    static void validate(String name, ParamGroup g) {
        Check.nonNegative(name, "learning rate", g.lr());
        Check.nonNegative(name, "epsilon value", g.getDouble("eps"));
        double[] betas = g.getDoubles("betas");
        if (betas.length != 2) {
            throw new IllegalArgumentException(name + ": betas: expected 2 values, received " + betas.length);
        }
        Check.inUnitInterval(name, "beta parameter at index 0", betas[0]);
        Check.inUnitInterval(name, "beta parameter at index 1", betas[1]);
        Check.nonNegative(name, "weight_decay value", g.getDouble("weight_decay"));
    }

    static void step(Optimizer opt, ParamGroup group, boolean decoupled) {
        final double lr = group.lr();
        final double[] betas = group.getDoubles("betas");
        final double beta1 = betas[0];
        final double beta2 = betas[1];
        final double weightDecay = group.getDouble("weight_decay");
        final boolean amsgrad = group.getBoolean("amsgrad");
        final boolean maximize = group.getBoolean("maximize");
        final float b1 = (float) beta1;
        final float oneMinusB1 = (float) (1 - beta1);
        final float b2 = (float) beta2;
        final float oneMinusB2 = (float) (1 - beta2);
        final float eps = (float) group.getDouble("eps");
        final float l2 = decoupled ? 0f : (float) weightDecay;
        final float shrink = (float) (1 - lr * weightDecay);
        for (Tensor param : group.params()) {
            float[] grad = opt.gradOf(param);
            if (grad == null) {
                continue;
            }
            Map<String, Tensor> s = opt.state(param);
            if (s.isEmpty()) {
                s.put("step", Optimizer.stepCounter());
                s.put("exp_avg", Optimizer.zerosLike(param));
                s.put("exp_avg_sq", Optimizer.zerosLike(param));
                if (amsgrad) {
                    s.put("max_exp_avg_sq", Optimizer.zerosLike(param));
                }
            }
            if (amsgrad && !s.containsKey("max_exp_avg_sq")) {
                // amsgrad switched on after the first step: PyTorch's state would lack the buffer too, and fail.
                throw new IllegalStateException("amsgrad was enabled after state was created without max_exp_avg_sq");
            }
            float[] stepT = s.get("step").floats();
            stepT[0] += 1;   // a float32 counter, as PyTorch keeps it
            double step = stepT[0];
            double bias1 = 1 - StrictMath.pow(beta1, step);
            double bias2 = 1 - StrictMath.pow(beta2, step);
            final float negStepSize = (float) -(lr / bias1);
            final float bias2Sqrt = (float) Math.sqrt(bias2);
            float[] p = param.floats();
            float[] m = s.get("exp_avg").floats();
            float[] v = s.get("exp_avg_sq").floats();
            float[] vMax = amsgrad ? s.get("max_exp_avg_sq").floats() : null;
            for (int i = 0, n = p.length; i < n; i++) {
                float g = maximize ? -grad[i] : grad[i];
                float pi = p[i];
                if (decoupled) {
                    pi *= shrink;
                } else if (l2 != 0) {
                    g = Math.fma(pi, l2, g);
                }
                // PyTorch: exp_avg.mul_(b1).add_(g, alpha=1-b1); exp_avg_sq.mul_(b2).addcmul_(g, g, value=1-b2).
                // Its kernels fuse "x + a*y" into one FMA on this hardware; Math.fma reproduces that rounding.
                float mi = Math.fma(g, oneMinusB1, m[i] * b1);
                float vi = Math.fma(oneMinusB2 * g, g, v[i] * b2);
                m[i] = mi;
                v[i] = vi;
                if (amsgrad) {
                    vi = Math.max(vMax[i], vi);
                    vMax[i] = vi;
                }
                float denom = (float) Math.sqrt(vi) / bias2Sqrt + eps;
                p[i] = pi + negStepSize * mi / denom;
            }
        }
    }
}
