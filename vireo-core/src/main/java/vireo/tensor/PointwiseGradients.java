package vireo.tensor;

import vireo.backend.Parallel;
import vireo.tensor.Pointwise.Op;
import vireo.tensor.Pointwise.Unary;

/**
 * The derivative rules of {@link Pointwise}'s element-wise ops, as PyTorch defines them where they are not smooth
 * (ties of {@code maximum}, {@code pow} at zero). Binary gradients are summed back to each operand's shape
 * (broadcasting).
 */
final class PointwiseGradients {

    private PointwiseGradients() {
    }

    /** The gradients of {@code a} and {@code b} (null where not required) for {@code out = op(a, b)}. */
    static Tensor[] binary(Op op, Tensor a, Tensor b, Tensor out, Tensor g) {
        boolean ga = a.requiresGrad();
        boolean gb = b.requiresGrad();
        Tensor da = null;
        Tensor db = null;
        switch (op) {
            case ADD -> {
                da = ga ? Reductions.sumTo(g, a.shape) : null;
                db = gb ? Reductions.sumTo(g, b.shape) : null;
            }
            case SUB -> {
                da = ga ? Reductions.sumTo(g, a.shape) : null;
                db = gb ? Reductions.sumTo(g.neg(), b.shape) : null;
            }
            case MUL -> {
                da = ga ? Reductions.sumTo(g.mul(b), a.shape) : null;
                db = gb ? Reductions.sumTo(g.mul(a), b.shape) : null;
            }
            case DIV -> {
                da = ga ? Reductions.sumTo(g.div(b), a.shape) : null;
                db = gb ? Reductions.sumTo(g.mul(out).div(b).neg(), b.shape) : null;
            }
            case POW -> {
                if (ga) {
                    // d/da a^b = b * a^(b-1); where b == 0 the derivative is 0 (PyTorch masks it).
                    Tensor d = b.mul(a.pow(b.sub(1f)));
                    da = Reductions.sumTo(g.mul(Tensor.where(b.eq(0f), Tensor.scalar(0f), d)), a.shape);
                }
                if (gb) {
                    // d/db a^b = a^b log a; where a == 0 and b >= 0 it is taken as 0.
                    Tensor d = out.mul(a.log());
                    Tensor zero = a.eq(0f).mul(b.ge(Tensor.scalar(0f)));
                    db = Reductions.sumTo(g.mul(Tensor.where(zero, Tensor.scalar(0f), d)), b.shape);
                }
            }
            case MAX, MIN -> {
                // PyTorch's rule: ties share the gradient evenly and the operand that lost gets none, so where a NaN
                // makes every comparison false both operands get all of it.
                Tensor half = a.eq(b).toFloat().mul(0.5f);
                Tensor aLost = (op == Op.MAX ? a.lt(b) : a.gt(b)).toFloat();
                Tensor bLost = (op == Op.MAX ? a.gt(b) : a.lt(b)).toFloat();
                da = ga ? Reductions.sumTo(g.mul(aLost.add(half).rsub(1f)), a.shape) : null;
                db = gb ? Reductions.sumTo(g.mul(bLost.add(half).rsub(1f)), b.shape) : null;
            }
            default -> throw new IllegalStateException("no gradient for " + op);
        }
        return new Tensor[]{da, db};
    }

    /** The gradient of {@code x} for {@code y = op(x)}. */
    static Tensor unary(Unary op, Tensor x, Tensor y, Tensor g) {
        Tensor gc = g.isContiguous() ? g : Views.copyDense(g);
        int n = y.numel();
        float[] gv = gc.f;
        int go = gc.offset;
        float[] yv = y.f;
        float[] out = new float[n];
        Parallel.forElements(n, (lo, hi) -> unaryRange(op, x, yv, gv, go, out, lo, hi));
        return Tensor.wrap(out, y.shape.clone());
    }

    /**
     * {@code out[i] = g[go + i] * op'(x[i])} (from {@code y = op(x)} where cheaper) for {@code i} in
     * {@code [lo, hi)}.
     */
    private static void unaryRange(Unary op, Tensor x, float[] yv, float[] gv, int go, float[] out, int lo, int hi) {
        switch (op) {
            case NEG -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = -gv[go + i];
                }
            }
            case EXP -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = gv[go + i] * yv[i];
                }
            }
            case LOG -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = gv[go + i] / x.f[x.offset + i];
                }
            }
            case SQRT -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = gv[go + i] / (2f * yv[i]);
                }
            }
            case ABS -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = gv[go + i] * Math.signum(x.f[x.offset + i]);
                }
            }
            case RELU -> {
                if (FastPointwise.enabled()) {
                    VectorMath.reluBackward(yv, lo, gv, go + lo, out, lo, hi - lo);
                } else {
                    for (int i = lo; i < hi; i++) {
                        out[i] = yv[i] > 0f ? gv[go + i] : 0f;
                    }
                }
            }
            case SIGMOID -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = gv[go + i] * yv[i] * (1f - yv[i]);
                }
            }
            case TANH -> {
                for (int i = lo; i < hi; i++) {
                    out[i] = gv[go + i] * (1f - yv[i] * yv[i]);
                }
            }
            case GELU -> {
                for (int i = lo; i < hi; i++) {
                    double v = x.f[x.offset + i];
                    double cdf = 0.5 * Erf.erfc(-v / Math.sqrt(2.0));
                    double pdf = Math.exp(-0.5 * v * v) / Math.sqrt(2.0 * Math.PI);
                    out[i] = (float) (gv[go + i] * (cdf + v * pdf));
                }
            }
        }
    }
}
