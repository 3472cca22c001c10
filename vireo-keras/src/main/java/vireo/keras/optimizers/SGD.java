package vireo.keras.optimizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.optim.Optimizer;
import vireo.optim.ParamGroup;
import vireo.tensor.Tensor;

/**
 * Keras's SGD ({@code learning_rate=0.01, momentum=0, nesterov=false}) with Keras's momentum, where the learning
 * rate enters the velocity (PyTorch multiplies the whole buffer by lr instead; the two agree only while lr is
 * constant):
 *
 * <pre>
 * v = μ·v − lr·g
 * θ += v                  (nesterov: θ += μ·v − lr·g)
 * </pre>
 */
public record SGD(double learningRate, double momentum, boolean nesterov) implements KerasOptimizer {

    public SGD {
        Check.learningRate("SGD", learningRate);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("SGD: momentum must be in [0, 1], received " + momentum);
        }
    }

    public static SGD of() {
        return of(0.01);
    }

    public static SGD of(double learningRate) {
        return new SGD(learningRate, 0, false);
    }

    public SGD withMomentum(double v) {
        return new SGD(learningRate, v, nesterov);
    }

    public SGD withNesterov(boolean v) {
        return new SGD(learningRate, momentum, v);
    }

    @Override
    public String className() {
        return "SGD";
    }

    @Override
    public Map<String, Object> getConfig() {
        var m = new LinkedHashMap<String, Object>();
        m.put("learning_rate", learningRate);
        m.put("momentum", momentum);
        m.put("nesterov", nesterov);
        return m;
    }

    @Override
    public int slotsPerParameter() {
        return momentum == 0 ? 0 : 1;
    }

    @Override
    public Optimizer create(List<Tensor> params) {
        var defaults = new LinkedHashMap<String, Object>();
        defaults.put("lr", learningRate);
        defaults.put("momentum", momentum);
        defaults.put("nesterov", nesterov);
        return new Update(params, defaults);
    }

    static final class Update extends Optimizer {

        Update(List<Tensor> params, Map<String, Object> defaults) {
            super("SGD (Keras)", List.of(ParamGroup.of(params)), defaults);
        }

        @Override
        protected void validate(ParamGroup g) {
            Check.learningRate("SGD", g.lr());
        }

        @Override
        protected void step(ParamGroup group) {
            float lr = (float) group.lr();
            float mu = (float) group.getDouble("momentum");
            boolean nesterov = group.getBoolean("nesterov");
            for (Tensor param : group.params()) {
                float[] g = gradOf(param);
                if (g == null) {
                    continue;
                }
                float[] p = param.floats();
                if (mu == 0) {
                    for (int i = 0; i < p.length; i++) {
                        p[i] -= g[i] * lr;
                    }
                    continue;
                }
                Map<String, Tensor> s = state(param);
                Tensor buf = s.computeIfAbsent("momentum", k -> zerosLike(param));
                float[] v = buf.floats();
                for (int i = 0; i < p.length; i++) {
                    v[i] = v[i] * mu - g[i] * lr;
                    p[i] += nesterov ? v[i] * mu - g[i] * lr : v[i];
                }
            }
        }
    }
}
