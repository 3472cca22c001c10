package vireo.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.tensor.Tensor;

/**
 * RMSprop with PyTorch's formula ({@code torch.optim.RMSprop}): eps is added outside the square root; the centered
 * variant normalizes by an estimate of the variance; momentum accumulates the normalized gradient.
 *
 * <pre>
 * g = ∇θ (negated when maximize) + weight_decay·θ
 * s = α·s + (1 − α)·g²
 * centered:  a = α·a + (1 − α)·g;   d = √(s − a²) + eps      otherwise  d = √s + eps
 * momentum > 0:  b = momentum·b + g/d;   θ = θ − lr·b         otherwise  θ = θ − lr·g/d
 * </pre>
 *
 * <pre>{@code
 * var opt = new RMSprop(model.parameters(), RMSprop.options(0.01).momentum(0.9).centered(true));
 * }</pre>
 */
public final class RMSprop extends Optimizer {

    /** RMSprop's hyper-parameters with PyTorch's names in the state dict. */
    public record Options(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered,
                          boolean maximize) {

        public Options lr(double v) {
            return new Options(v, alpha, eps, weightDecay, momentum, centered, maximize);
        }

        public Options alpha(double v) {
            return new Options(lr, v, eps, weightDecay, momentum, centered, maximize);
        }

        public Options eps(double v) {
            return new Options(lr, alpha, v, weightDecay, momentum, centered, maximize);
        }

        public Options weightDecay(double v) {
            return new Options(lr, alpha, eps, v, momentum, centered, maximize);
        }

        public Options momentum(double v) {
            return new Options(lr, alpha, eps, weightDecay, v, centered, maximize);
        }

        public Options centered(boolean v) {
            return new Options(lr, alpha, eps, weightDecay, momentum, v, maximize);
        }

        public Options maximize(boolean v) {
            return new Options(lr, alpha, eps, weightDecay, momentum, centered, v);
        }

        Map<String, Object> toMap() {
            var m = new LinkedHashMap<String, Object>();
            m.put("lr", lr);
            m.put("alpha", alpha);
            m.put("eps", eps);
            m.put("weight_decay", weightDecay);
            m.put("momentum", momentum);
            m.put("centered", centered);
            m.put("maximize", maximize);
            return m;
        }
    }

    /** PyTorch's defaults: alpha 0.99, eps 1e-8, weight decay 0, momentum 0, not centered. */
    public static Options options(double lr) {
        return new Options(lr, 0.99, 1e-8, 0, 0, false, false);
    }

    /** RMSprop with lr 0.01 (PyTorch's default) and the other defaults. */
    public RMSprop(Iterable<Tensor> params) {
        this(single(params), options(0.01));
    }

    public RMSprop(Iterable<Tensor> params, double lr) {
        this(single(params), options(lr));
    }

    public RMSprop(Iterable<Tensor> params, Options options) {
        this(single(params), options);
    }

    public RMSprop(List<ParamGroup> groups, Options defaults) {
        super("RMSprop", groups, defaults.toMap());
    }

    @Override
    protected void validate(ParamGroup g) {
        Check.nonNegative("RMSprop", "learning rate", g.lr());
        Check.nonNegative("RMSprop", "epsilon value", g.getDouble("eps"));
        Check.nonNegative("RMSprop", "momentum value", g.getDouble("momentum"));
        Check.nonNegative("RMSprop", "weight_decay value", g.getDouble("weight_decay"));
        Check.nonNegative("RMSprop", "alpha value", g.getDouble("alpha"));
    }

    @Override
    protected void step(ParamGroup group) {
        final double alphaD = group.getDouble("alpha");
        final float alpha = (float) alphaD;
        final float oneMinusAlpha = (float) (1 - alphaD);
        final float eps = (float) group.getDouble("eps");
        final float wd = (float) group.getDouble("weight_decay");
        final double momentumD = group.getDouble("momentum");
        final float momentum = (float) momentumD;
        final float negLr = (float) -group.lr();
        final boolean centered = group.getBoolean("centered");
        final boolean maximize = group.getBoolean("maximize");
        for (Tensor param : group.params()) {
            float[] grad = gradOf(param);
            if (grad == null) {
                continue;
            }
            Map<String, Tensor> s = state(param);
            if (s.isEmpty()) {
                s.put("step", stepCounter());
                s.put("square_avg", zerosLike(param));
                if (momentumD > 0) {
                    s.put("momentum_buffer", zerosLike(param));
                }
                if (centered) {
                    s.put("grad_avg", zerosLike(param));
                }
            }
            s.get("step").floats()[0] += 1;
            float[] p = param.floats();
            float[] sq = s.get("square_avg").floats();
            float[] ga = centered ? required(s, "grad_avg") : null;
            float[] buf = momentumD > 0 ? required(s, "momentum_buffer") : null;
            for (int i = 0, n = p.length; i < n; i++) {
                float g = maximize ? -grad[i] : grad[i];
                if (wd != 0) {
                    g = Math.fma(p[i], wd, g);
                }
                // Each "x + a*y" of PyTorch's kernels is one FMA on this hardware, hence Math.fma.
                float si = Math.fma(oneMinusAlpha * g, g, sq[i] * alpha);
                sq[i] = si;
                float avg;
                if (centered) {
                    float ai = Math.fma(g, oneMinusAlpha, ga[i] * alpha);
                    ga[i] = ai;
                    avg = (float) Math.sqrt(Math.fma(-ai, ai, si));
                } else {
                    avg = (float) Math.sqrt(si);
                }
                avg += eps;
                if (buf != null) {
                    float b = buf[i] * momentum + g / avg;
                    buf[i] = b;
                    p[i] = Math.fma(b, negLr, p[i]);
                } else {
                    p[i] = p[i] + negLr * g / avg;
                }
            }
        }
    }

    private static float[] required(Map<String, Tensor> s, String name) {
        Tensor t = s.get(name);
        if (t == null) {
            // PyTorch creates these buffers at the first step only, so switching momentum/centered on later fails there too.
            throw new IllegalStateException("RMSprop: state has no '" + name + "' buffer: momentum or centered was "
                    + "switched on after the first step");
        }
        return t.floats();
    }
}
