package vireo.tensor;

import vireo.backend.Parallel;

/** Fused batch normalisation forward and backward, one channel per task. */
final class BatchNormOp {

    private BatchNormOp() {
    }

    static Tensor apply(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                        boolean training, double momentum, double eps) {
        Linalg.requireFloat("batchNorm", x);
        if (x.dim() < 2) {
            throw new IllegalArgumentException("batchNorm: expected an input [N, C] or [N, C, *], received " + x.describe());
        }
        int n = x.shape[0];
        int c = x.shape[1];
        int spatial = x.numel() / Math.max(1, n * c);
        for (Tensor t : new Tensor[]{runningMean, runningVar, weight, bias}) {
            if (t != null && (t.dim() != 1 || t.shape[0] != c)) {
                throw new IllegalArgumentException("batchNorm: expected per-channel tensors of shape [" + c
                        + "] for input " + Shape.str(x.shape) + ", received " + t.describe());
            }
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batchNorm: running mean and running variance must both be given or "
                    + "both be null, received " + (runningMean == null ? "only the variance" : "only the mean"));
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException("batchNorm: evaluation mode needs running mean and variance");
        }
        int count = n * spatial;
        if (training && count <= 1) {
            throw new IllegalArgumentException("batchNorm: expected more than 1 value per channel when training, "
                    + "received input " + Shape.str(x.shape));
        }
        float[] xd = NNOps.dense(x);
        float[] w = weight == null ? null : NNOps.dense(weight);
        float[] b = bias == null ? null : NNOps.dense(bias);
        float[] y = new float[xd.length];
        float[] mean = new float[c];
        float[] invstd = new float[c];
        Parallel.forRange(c, 1, ch -> {
            double m;
            double v;
            if (training) {
                boolean fast = FastPointwise.enabled();
                double s = 0;
                for (int i = 0; i < n; i++) {
                    int base = (i * c + ch) * spatial;
                    if (fast) {
                        s += VectorMath.sum(xd, base, spatial);
                    } else {
                        for (int k = 0; k < spatial; k++) {
                            s += xd[base + k];
                        }
                    }
                }
                m = s / count;
                double sq = 0;
                for (int i = 0; i < n; i++) {
                    int base = (i * c + ch) * spatial;
                    if (fast) {
                        sq += VectorMath.sumSquaredDeviations(xd, base, spatial, m);
                    } else {
                        for (int k = 0; k < spatial; k++) {
                            double d = xd[base + k] - m;
                            sq += d * d;
                        }
                    }
                }
                v = sq / count;
                if (runningMean != null) {
                    float[] rm = runningMean.floats();
                    float[] rv = runningVar.floats();
                    rm[ch] = (float) ((1 - momentum) * rm[ch] + momentum * m);
                    rv[ch] = (float) ((1 - momentum) * rv[ch] + momentum * v * count / (count - 1));
                }
            } else {
                m = runningMean.get(ch);
                v = runningVar.get(ch);
            }
            float is = (float) (1.0 / Math.sqrt(v + eps));
            mean[ch] = (float) m;
            invstd[ch] = is;
            float scale = w == null ? is : w[ch] * is;
            float shift = (b == null ? 0f : b[ch]) - (float) m * scale;
            for (int i = 0; i < n; i++) {
                int base = (i * c + ch) * spatial;
                for (int k = 0; k < spatial; k++) {
                    y[base + k] = xd[base + k] * scale + shift;
                }
            }
        });
        Tensor out = Tensor.wrap(y, x.shape.clone());
        return Tensor.record("native_batch_norm", out, new Tensor[]{x, weight, bias}, g -> {
            float[] gy = NNOps.dense(g);
            float[] gx = x.requiresGrad() ? new float[xd.length] : null;
            float[] gw = new float[c];
            float[] gb = new float[c];
            Parallel.forRange(c, 1, ch -> {
                double sg = 0;
                double sgx = 0;
                float m = mean[ch];
                float is = invstd[ch];
                if (FastPointwise.enabled()) {
                    double sgd = 0;
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + ch) * spatial;
                        sg += VectorMath.sum(gy, base, spatial);
                        sgd += VectorMath.sumProductsWithDeviations(gy, base, xd, base, spatial, m);
                    }
                    sgx = sgd * is;
                } else {
                    for (int i = 0; i < n; i++) {
                        int base = (i * c + ch) * spatial;
                        for (int k = 0; k < spatial; k++) {
                            sg += gy[base + k];
                            sgx += gy[base + k] * ((xd[base + k] - m) * is);
                        }
                    }
                }
                gb[ch] = (float) sg;
                gw[ch] = (float) sgx;
                if (gx != null) {
                    float wk = w == null ? 1f : w[ch];
                    if (training) {
                        // d/dx of (x - mean)/std with batch statistics: the mean and variance also depend on x.
                        float a = wk * is;
                        float meanG = (float) (sg / count);
                        float meanGX = (float) (sgx / count);
                        for (int i = 0; i < n; i++) {
                            int base = (i * c + ch) * spatial;
                            for (int k = 0; k < spatial; k++) {
                                float xhat = (xd[base + k] - m) * is;
                                gx[base + k] = a * (gy[base + k] - meanG - xhat * meanGX);
                            }
                        }
                    } else {
                        float a = wk * is;
                        for (int i = 0; i < n; i++) {
                            int base = (i * c + ch) * spatial;
                            for (int k = 0; k < spatial; k++) {
                                gx[base + k] = a * gy[base + k];
                            }
                        }
                    }
                }
            });
            return new Tensor[]{
                    gx == null ? null : Tensor.wrap(gx, x.shape.clone()),
                    weight != null && weight.requiresGrad() ? Tensor.wrap(gw, c) : null,
                    bias != null && bias.requiresGrad() ? Tensor.wrap(gb, c) : null};
        });
    }
}
