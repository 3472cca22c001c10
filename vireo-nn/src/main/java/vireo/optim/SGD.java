package vireo.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, with
 * PyTorch's formula ({@code torch.optim.SGD}): the learning rate multiplies the whole momentum buffer.
 *
 * <pre>
 * g = ∇θ (negated when maximize) + weight_decay·θ
 * b = g at the first step, then momentum·b + (1 − dampening)·g
 * g = nesterov ? g + momentum·b : b            (when momentum ≠ 0)
 * θ = θ − lr·g
 * </pre>
 *
 * <pre>{@code
 * var opt = new SGD(model.parameters(), 0.01, 0.5);
 * var nesterov = new SGD(model.parameters(), SGD.options(0.1).momentum(0.9).nesterov(true).weightDecay(5e-4));
 * }</pre>
 */
public final class SGD extends Optimizer {

    /** SGD's hyper-parameters with PyTorch's defaults; {@code lr} has no default in PyTorch either. */
    public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
                          boolean maximize) {

        public Options lr(double v) {
            return new Options(v, momentum, dampening, weightDecay, nesterov, maximize);
        }

        public Options momentum(double v) {
            return new Options(lr, v, dampening, weightDecay, nesterov, maximize);
        }

        public Options dampening(double v) {
            return new Options(lr, momentum, v, weightDecay, nesterov, maximize);
        }

        public Options weightDecay(double v) {
            return new Options(lr, momentum, dampening, v, nesterov, maximize);
        }

        public Options nesterov(boolean v) {
            return new Options(lr, momentum, dampening, weightDecay, v, maximize);
        }

        public Options maximize(boolean v) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov, v);
        }

        Map<String, Object> toMap() {
            var m = new LinkedHashMap<String, Object>();
            m.put("lr", lr);
            m.put("momentum", momentum);
            m.put("dampening", dampening);
            m.put("weight_decay", weightDecay);
            m.put("nesterov", nesterov);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** Defaults: momentum 0, dampening 0, weight decay 0, nesterov and maximize off. */
    public static Options options(double lr) {
        return new Options(lr, 0, 0, 0, false, false);
    }

    public SGD(Iterable<Tensor> params, double lr) {
        this(single(params), options(lr));
    }

    public SGD(Iterable<Tensor> params, double lr, double momentum) {
        this(single(params), options(lr).momentum(momentum));
    }

    public SGD(Iterable<Tensor> params, Options options) {
        this(single(params), options);
    }

    public SGD(List<ParamGroup> groups, Options defaults) {
        super("SGD", groups, defaults.toMap());
    }

    @Override
    protected void validate(ParamGroup g) {
        Check.nonNegative("SGD", "learning rate", g.lr());
        Check.nonNegative("SGD", "momentum value", g.getDouble("momentum"));
        Check.nonNegative("SGD", "weight_decay value", g.getDouble("weight_decay"));
        if (g.getBoolean("nesterov") && (g.getDouble("momentum") <= 0 || g.getDouble("dampening") != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening, received "
                    + "momentum=" + g.getDouble("momentum") + ", dampening=" + g.getDouble("dampening"));
        }
    }

    @Override
    protected void step(ParamGroup group) {
        // Scalars are rounded to float once, as PyTorch's kernels receive them; (1 - dampening) is formed in double.
        final float wd = (float) group.getDouble("weight_decay");
        final double momentumD = group.getDouble("momentum");
        final float momentum = (float) momentumD;
        final float keep = (float) (1 - group.getDouble("dampening"));
        final float negLr = (float) -group.lr();
        final boolean nesterov = group.getBoolean("nesterov");
        final boolean maximize = group.getBoolean("maximize");
        for (Tensor param : group.params()) {
            float[] grad = gradOf(param);
            if (grad == null) {
                continue;
            }
            float[] p = param.floats();
            int n = p.length;
            if (momentumD == 0) {
                for (int i = 0; i < n; i++) {
                    float g = maximize ? -grad[i] : grad[i];
                    if (wd != 0) {
                        g = Math.fma(p[i], wd, g);
                    }
                    p[i] = Math.fma(g, negLr, p[i]);
                }
                continue;
            }
            Map<String, Tensor> s = state(param);
            Tensor bufT = s.get("momentum_buffer");
            boolean first = bufT == null;
            if (first) {
                bufT = zerosLike(param);
                s.put("momentum_buffer", bufT);
            }
            float[] buf = bufT.floats();
            for (int i = 0; i < n; i++) {
                float g = maximize ? -grad[i] : grad[i];
                if (wd != 0) {
                    g = Math.fma(p[i], wd, g);
                }
                // PyTorch's add(x, alpha=a) computes fma(x, a, self) on this hardware; Math.fma matches it bit for bit.
                float b = first ? g : Math.fma(g, keep, buf[i] * momentum);
                buf[i] = b;
                g = nesterov ? Math.fma(b, momentum, g) : b;
                p[i] = Math.fma(g, negLr, p[i]);
            }
        }
    }
}
