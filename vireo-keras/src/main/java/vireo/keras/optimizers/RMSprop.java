package vireo.keras.optimizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.optim.Optimizer;
import vireo.optim.ParamGroup;
import vireo.tensor.Tensor;

/**
 * Keras's RMSprop ({@code learning_rate=1e-3, rho=0.9, momentum=0, epsilon=1e-7, centered=false}); ε sits inside
 * the square root, as in Keras:
 *
 * <pre>
 * s = ρ·s + (1−ρ)·g²;  (centered: a = ρ·a + (1−ρ)·g, s' = s − a²)
 * step = lr·g/√(s' + ε)
 * θ −= step               (momentum: u = μ·u + step; θ −= u)
 * </pre>
 */
public record RMSprop(double learningRate, double rho, double momentum, double epsilon, boolean centered)
        implements KerasOptimizer {

    public RMSprop {
        Check.learningRate("RMSprop", learningRate);
        Check.unit("RMSprop", "rho", rho);
        Check.nonNegative("RMSprop", "momentum", momentum);
        Check.nonNegative("RMSprop", "epsilon", epsilon);
    }

    public static RMSprop of() {
        return of(1e-3);
    }

    public static RMSprop of(double learningRate) {
        return new RMSprop(learningRate, 0.9, 0, 1e-7, false);
    }

    public RMSprop withRho(double v) {
        return new RMSprop(learningRate, v, momentum, epsilon, centered);
    }

    public RMSprop withMomentum(double v) {
        return new RMSprop(learningRate, rho, v, epsilon, centered);
    }

    public RMSprop withCentered(boolean v) {
        return new RMSprop(learningRate, rho, momentum, epsilon, v);
    }

    @Override
    public String className() {
        return "RMSprop";
    }

    @Override
    public Map<String, Object> getConfig() {
        var m = new LinkedHashMap<String, Object>();
        m.put("learning_rate", learningRate);
        m.put("rho", rho);
        m.put("momentum", momentum);
        m.put("epsilon", epsilon);
        m.put("centered", centered);
        return m;
    }

    @Override
    public int slotsPerParameter() {
        return 1 + (momentum > 0 ? 1 : 0) + (centered ? 1 : 0);
    }

    @Override
    public Optimizer create(List<Tensor> params) {
        var defaults = new LinkedHashMap<String, Object>();
        defaults.put("lr", learningRate);
        defaults.put("rho", rho);
        defaults.put("momentum", momentum);
        defaults.put("epsilon", epsilon);
        defaults.put("centered", centered);
        return new Update(params, defaults);
    }

    static final class Update extends Optimizer {

        Update(List<Tensor> params, Map<String, Object> defaults) {
            super("RMSprop (Keras)", List.of(ParamGroup.of(params)), defaults);
        }

        @Override
        protected void validate(ParamGroup g) {
            Check.learningRate("RMSprop", g.lr());
        }

        @Override
        protected void step(ParamGroup group) {
            float lr = (float) group.lr();
            float rho = (float) group.getDouble("rho");
            float mu = (float) group.getDouble("momentum");
            float eps = (float) group.getDouble("epsilon");
            boolean centered = group.getBoolean("centered");
            for (Tensor param : group.params()) {
                float[] g = gradOf(param);
                if (g == null) {
                    continue;
                }
                Map<String, Tensor> s = state(param);
                float[] vel = s.computeIfAbsent("velocity", k -> zerosLike(param)).floats();
                float[] avg = centered ? s.computeIfAbsent("average_gradient", k -> zerosLike(param)).floats() : null;
                float[] mom = mu > 0 ? s.computeIfAbsent("momentum", k -> zerosLike(param)).floats() : null;
                float[] p = param.floats();
                for (int i = 0; i < p.length; i++) {
                    float gi = g[i];
                    vel[i] = rho * vel[i] + (1 - rho) * gi * gi;
                    float denom = vel[i];
                    if (avg != null) {
                        avg[i] = rho * avg[i] + (1 - rho) * gi;
                        denom -= avg[i] * avg[i];
                    }
                    float inc = lr * gi / (float) Math.sqrt(denom + eps);
                    if (mom != null) {
                        mom[i] = mu * mom[i] + inc;
                        p[i] -= mom[i];
                    } else {
                        p[i] -= inc;
                    }
                }
            }
        }
    }
}
