package vireo.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of {@link Adam} and {@link AdamW}, with PyTorch's names in {@link #toMap()}.
 * Build them with {@link Adam#options(double)} or {@link AdamW#options(double)}, whose defaults differ in weight decay.
 */
public record AdamOptions(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
                          boolean maximize) {

    public AdamOptions lr(double v) {
        return new AdamOptions(v, beta1, beta2, eps, weightDecay, amsgrad, maximize);
    }

    public AdamOptions betas(double b1, double b2) {
        return new AdamOptions(lr, b1, b2, eps, weightDecay, amsgrad, maximize);
    }

    public AdamOptions eps(double v) {
        return new AdamOptions(lr, beta1, beta2, v, weightDecay, amsgrad, maximize);
    }

    public AdamOptions weightDecay(double v) {
        return new AdamOptions(lr, beta1, beta2, eps, v, amsgrad, maximize);
    }

    public AdamOptions amsgrad(boolean v) {
        return new AdamOptions(lr, beta1, beta2, eps, weightDecay, v, maximize);
    }

    public AdamOptions maximize(boolean v) {
        return new AdamOptions(lr, beta1, beta2, eps, weightDecay, amsgrad, v);
    }

    Map<String, Object> toMap() {
        var m = new LinkedHashMap<String, Object>();
        m.put("lr", lr);
        m.put("betas", new double[]{beta1, beta2});
        m.put("eps", eps);
        m.put("weight_decay", weightDecay);
        m.put("amsgrad", amsgrad);
        m.put("maximize", maximize);
        return m;
    }
}
