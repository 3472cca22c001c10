package vireo.keras.optimizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vireo.optim.Optimizer;
import vireo.optim.ParamGroup;
import vireo.tensor.Tensor;

/**
 * Keras's Adam ({@code learning_rate=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-7}), with Keras's update, which
 * adds ε to the <em>uncorrected</em> √v (PyTorch adds it after bias correction, with ε = 1e-8):
 *
 * <pre>
 * α = lr·√(1−β2^t)/(1−β1^t)
 * m += (g − m)(1 − β1);  v += (g² − v)(1 − β2)        (amsgrad: v̂ = max(v̂, v), used below)
 * θ −= α·m/(√v + ε)
 * </pre>
 *
 * <pre>{@code
 * model.compile(Adam.of(0.01), Losses.get("sparse_categorical_crossentropy"));
 * }</pre>
 */
public record Adam(double learningRate, double beta1, double beta2, double epsilon, boolean amsgrad)
        implements KerasOptimizer {

    public Adam {
        Check.learningRate("Adam", learningRate);
        Check.unit("Adam", "beta_1", beta1);
        Check.unit("Adam", "beta_2", beta2);
        Check.nonNegative("Adam", "epsilon", epsilon);
    }

    public static Adam of() {
        return of(1e-3);
    }

    public static Adam of(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-7, false);
    }

    public Adam withBeta1(double v) {
        return new Adam(learningRate, v, beta2, epsilon, amsgrad);
    }

    public Adam withBeta2(double v) {
        return new Adam(learningRate, beta1, v, epsilon, amsgrad);
    }

    public Adam withEpsilon(double v) {
        return new Adam(learningRate, beta1, beta2, v, amsgrad);
    }

    public Adam withAmsgrad(boolean v) {
        return new Adam(learningRate, beta1, beta2, epsilon, v);
    }

    @Override
    public String className() {
        return "Adam";
    }

    @Override
    public Map<String, Object> getConfig() {
        var m = new LinkedHashMap<String, Object>();
        m.put("learning_rate", learningRate);
        m.put("beta_1", beta1);
        m.put("beta_2", beta2);
        m.put("epsilon", epsilon);
        m.put("amsgrad", amsgrad);
        return m;
    }

    @Override
    public int slotsPerParameter() {
        return amsgrad ? 3 : 2;
    }

    @Override
    public Optimizer create(List<Tensor> params) {
        var defaults = new LinkedHashMap<String, Object>();
        defaults.put("lr", learningRate);
        defaults.put("beta_1", beta1);
        defaults.put("beta_2", beta2);
        defaults.put("epsilon", epsilon);
        defaults.put("amsgrad", amsgrad);
        return new Update(params, defaults);
    }

    /** The update itself, over plain float arrays. */
    static final class Update extends Optimizer {

        Update(List<Tensor> params, Map<String, Object> defaults) {
            super("Adam (Keras)", List.of(ParamGroup.of(params)), defaults);
        }

        @Override
        protected void validate(ParamGroup g) {
            Check.learningRate("Adam", g.lr());
        }

        @Override
        protected void step(ParamGroup group) {
            double lr = group.lr();
            double b1 = group.getDouble("beta_1");
            double b2 = group.getDouble("beta_2");
            float eps = (float) group.getDouble("epsilon");
            boolean ams = group.getBoolean("amsgrad");
            float oneMinusB1 = (float) (1 - b1);
            float oneMinusB2 = (float) (1 - b2);
            for (Tensor param : group.params()) {
                float[] g = gradOf(param);
                if (g == null) {
                    continue;
                }
                Map<String, Tensor> s = state(param);
                if (s.isEmpty()) {
                    s.put("step", stepCounter());
                    s.put("m", zerosLike(param));
                    s.put("v", zerosLike(param));
                    if (ams) {
                        s.put("vhat", zerosLike(param));
                    }
                }
                float[] stepArr = s.get("step").floats();
                double t = ++stepArr[0];
                float alpha = (float) (lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
                float[] p = param.floats();
                float[] m = s.get("m").floats();
                float[] v = s.get("v").floats();
                float[] vhat = ams ? s.get("vhat").floats() : null;
                for (int i = 0; i < p.length; i++) {
                    float gi = g[i];
                    m[i] += (gi - m[i]) * oneMinusB1;
                    v[i] += (gi * gi - v[i]) * oneMinusB2;
                    float vi = v[i];
                    if (vhat != null) {
                        vhat[i] = Math.max(vhat[i], vi);
                        vi = vhat[i];
                    }
                    p[i] -= m[i] * alpha / ((float) Math.sqrt(vi) + eps);
                }
            }
        }
    }
}
